using System.Net.Security;
using System.Security.Cryptography;
using System.Text;
using System.Security.Cryptography.X509Certificates;
using Mesh.Hosting;
using Mesh.Proxy.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Tls;

/// <summary>
/// <c>Mesh:Proxy:TlsCertificateFile</c> and <c>TlsKeyFile</c>: loaded before the edge listens (a bad pair stops the
/// start with one line), and read again every second; changed files that load replace the certificate for new
/// handshakes, changed files that do not are logged and the last good certificate keeps serving. Comparing the
/// bytes rather than timestamps also catches a Kubernetes secret's symlink swap.
/// </summary>
internal sealed partial class TlsCertificateFiles(IOptions<ProxyOptions> options, TimeProvider time, ILogger<TlsCertificateFiles> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly string _certificateFile = options.Value.TlsCertificateFile ?? string.Empty;
    private readonly string _keyFile = options.Value.TlsKeyFile ?? string.Empty;
    private SslStreamCertificateContext? _current;
    private (byte[] Certificate, byte[] Key) _loaded = ([], []);

    /// <summary>What new handshakes present: the leaf with its key, and the chain sent along with it.</summary>
    public SslStreamCertificateContext Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("the TLS certificate files were not loaded");

    /// <summary>The certificate being served, for logs and tests.</summary>
    public X509Certificate2 Leaf => Current.TargetCertificate;

    /// <summary>Loads the files at start; throws <see cref="StartupException"/> naming what is wrong.</summary>
    public void Load()
    {
        var files = Read(out var error);
        var context = files is { } read ? Create(read, out error) : null;
        if (files is null || context is null)
        {
            throw new StartupException($"{ProxyOptions.Section}:TlsCertificateFile '{_certificateFile}' and TlsKeyFile '{_keyFile}': {error}");
        }

        Install(files.Value, context);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Reload();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Reload()
    {
        if (Read(out _) is not { } files || (files.Certificate.AsSpan().SequenceEqual(_loaded.Certificate) && files.Key.AsSpan().SequenceEqual(_loaded.Key)))
        {
            return;
        }

        if (Create(files, out var error) is { } context)
        {
            Install(files, context);
            LogReloaded(context.TargetCertificate.Subject, context.TargetCertificate.NotAfter);
            return;
        }

        // Remembered, so a pair that does not load is reported once, and taken once it changes again and loads.
        _loaded = files;
        LogReloadFailed(_certificateFile, error);
    }

    private (byte[] Certificate, byte[] Key)? Read(out string error)
    {
        try
        {
            error = string.Empty;
            return (File.ReadAllBytes(_certificateFile), File.ReadAllBytes(_keyFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return null;
        }
    }

    private static SslStreamCertificateContext? Create((byte[] Certificate, byte[] Key) files, out string error)
    {
        try
        {
            var context = TlsCertificateContexts.FromPem(Encoding.ASCII.GetString(files.Certificate), Encoding.ASCII.GetString(files.Key));
            error = string.Empty;
            return context;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            error = e.Message;
            return null;
        }
    }

    private void Install((byte[] Certificate, byte[] Key) files, SslStreamCertificateContext context)
    {
        _loaded = files;
        Volatile.Write(ref _current, context);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate files changed; new handshakes present {Subject}, valid until {NotAfter}")]
    private partial void LogReloaded(string subject, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "TLS certificate file {File} changed but does not load ({Error}); the last good certificate keeps serving")]
    private partial void LogReloadFailed(string file, string error);
}
