using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mesh.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Admin.Access;

/// <summary>
/// What proves a caller may use the admin listener: the configured token, or a browser session that a login
/// with it started. Sessions are signed with a key derived from the token, so every silo that shares the token
/// accepts a session any of them issued, and changing the token ends every session. All comparisons are
/// constant-time.
/// </summary>
internal sealed class AdminCredentials
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    private const int SessionIdBytes = 16;
    private const char Separator = '.';

    private readonly byte[]? _token;
    private readonly byte[] _sessionKey = [];
    private readonly TimeProvider _time;

    public AdminCredentials(IOptions<AdminOptions> options, TimeProvider time)
    {
        _time = time;
        if (!string.IsNullOrEmpty(options.Value.Token))
        {
            _token = Encoding.UTF8.GetBytes(options.Value.Token);
            _sessionKey = HMACSHA256.HashData(_token, "mesh admin session v1"u8);
        }
    }

    /// <summary>Without a token the admin listener is open (it may then listen on loopback only).</summary>
    public bool Required => _token is not null;

    public bool IsToken(string presented)
    {
        if (_token is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);
    }

    /// <summary>A new session: <c>{issued}.{id}.{signature}</c>, and the anti-forgery token bound to it.</summary>
    public (string Session, string AntiForgery) StartSession()
    {
        var issued = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SessionIdBytes));
        var body = issued + Separator + id;
        return (body + Separator + Sign("session:" + body), AntiForgeryFor(id));
    }

    /// <summary>The session's id when it is one this token signed and it has not expired.</summary>
    public string? VerifySession(string? session)
    {
        if (_token is null || string.IsNullOrEmpty(session))
        {
            return null;
        }

        var parts = session.Split(Separator);
        if (parts.Length != 3 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var issued))
        {
            return null;
        }

        var age = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(issued);
        var signature = Sign("session:" + parts[0] + Separator + parts[1]);
        return age >= TimeSpan.Zero && age < SessionLifetime && FixedTimeEquals(signature, parts[2]) ? parts[1] : null;
    }

    public bool IsAntiForgeryFor(string sessionId, string? presented) =>
        presented is not null && FixedTimeEquals(AntiForgeryFor(sessionId), presented);

    private string AntiForgeryFor(string sessionId) => Sign("anti-forgery:" + sessionId);

    private string Sign(string text) => Base64Url.EncodeToString(HMACSHA256.HashData(_sessionKey, Encoding.UTF8.GetBytes(text)));

    private static bool FixedTimeEquals(string expected, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
