using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mesh.Contracts.Identity;
using Mesh.Proxy.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Identity;

/// <summary>
/// The certificate in use, its key and the mesh root, kept beside the snapshot file
/// (<c>{Mesh:Proxy:SnapshotPath}.identity.pem</c>, readable by the proxy's user only) so a proxy restarted
/// while the control plane is away still holds a certificate until it expires. Without a snapshot path
/// nothing is kept.
/// </summary>
internal sealed partial class IdentityFile(IOptions<ProxyOptions> options, IOptions<TrustOptions> trust, TimeProvider time, ILogger<IdentityFile> logger)
{
    private readonly string? _path = options.Value.SnapshotPath is { Length: > 0 } path ? Path.GetFullPath(path) + ".identity.pem" : null;

    /// <summary>Credentials for <paramref name="service"/> that have not expired, due for renewal at once.</summary>
    public WorkloadCredentials? Load(string service)
    {
        if (_path is null || !File.Exists(_path))
        {
            return null;
        }

        try
        {
            var pem = File.ReadAllText(_path);
            var certificates = PemBlocks(pem, "CERTIFICATE");
            var keys = PemBlocks(pem, "PRIVATE KEY");
            if (certificates.Count != 2 || keys.Count != 1)
            {
                LogUnreadable(_path, "expected a certificate, its key and the root");
                return null;
            }

            var credentials = CertificateEnrollment.Assemble(certificates[0], keys[0], certificates[1], time.GetUtcNow());
            if (credentials.NotAfter <= time.GetUtcNow() || SpiffeIds.ServiceOf(credentials.Certificate, trust.Value.TrustDomain) != service)
            {
                return null;
            }

            LogLoaded(_path, credentials.Serial, credentials.NotAfter);
            return credentials;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            LogUnreadable(_path, e.Message);
            return null;
        }
    }

    public void Save(WorkloadCredentials credentials)
    {
        if (_path is null)
        {
            return;
        }

        using var key = credentials.Certificate.GetECDsaPrivateKey();
        var keyPem = key?.ExportPkcs8PrivateKeyPem() ?? throw new InvalidOperationException("the workload certificate has no private key");
        try
        {
            var content = new StringBuilder()
                .AppendLine(credentials.Certificate.ExportCertificatePem())
                .AppendLine(keyPem)
                .AppendLine(credentials.Root.ExportCertificatePem())
                .ToString();
            AtomicFile.Write(_path, secret: true, file => file.Write(Encoding.ASCII.GetBytes(content)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            LogWriteFailed(_path, e);
        }
    }

    private static List<string> PemBlocks(string pem, string label)
    {
        var blocks = new List<string>();
        var begin = $"-----BEGIN {label}-----";
        var end = $"-----END {label}-----";
        for (var start = pem.IndexOf(begin, StringComparison.Ordinal); start >= 0; start = pem.IndexOf(begin, start + begin.Length, StringComparison.Ordinal))
        {
            var stop = pem.IndexOf(end, start, StringComparison.Ordinal);
            if (stop < 0)
            {
                break;
            }

            blocks.Add(pem[start..(stop + end.Length)]);
        }

        return blocks;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded certificate {Serial} from {Path}, valid until {NotAfter}")]
    private partial void LogLoaded(string path, string serial, DateTimeOffset notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity file {Path} could not be read ({Reason}); waiting for the control plane")]
    private partial void LogUnreadable(string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Identity file {Path} could not be written")]
    private partial void LogWriteFailed(string path, Exception exception);
}
