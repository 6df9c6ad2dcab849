using Mesh.Contracts.Jwt;
using Mesh.Silo.Catalog;
using Mesh.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Jwt;

/// <summary>
/// One provider's key set fetcher for the whole mesh. What it fetched goes to the catalog, which keeps the last good
/// set and pushes it to edges; nothing is kept here, so a lost activation costs one fetch.
/// </summary>
internal sealed partial class JwksGrain(
    IHttpClientFactory http,
    IOptions<JwksOptions> options,
    [FromKeyedServices(MeshTime.Key)] TimeProvider time,
    ILogger<JwksGrain> logger) : Grain, IJwksGrain
{
    public const string HttpClientName = "jwks";

    /// <summary>Key sets are a few kilobytes; anything far larger is not one.</summary>
    public const int MaxBytes = 1024 * 1024;

    private Uri? _uri;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private IGrainTimer? _timer;

    public async Task WatchAsync(Uri? uri)
    {
        if (uri is null)
        {
            _timer?.Dispose();
            _timer = null;
            _uri = null;
            DeactivateOnIdle();
            return;
        }

        var isNew = _uri != uri;
        _uri = uri;
        var period = options.Value.Refresh;
        _timer ??= this.RegisterGrainTimer(_ => FetchAsync(), new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        if (isNew)
        {
            await FetchAsync();
        }
    }

    public Task RefreshAsync() =>
        _uri is not null && time.GetUtcNow() - _lastAttempt >= options.Value.MinRefetch ? FetchAsync() : Task.CompletedTask;

    private async Task FetchAsync()
    {
        if (_uri is not { } uri)
        {
            return;
        }

        _lastAttempt = time.GetUtcNow();
        var (keys, error) = await FetchKeysAsync(uri);
        if (error is not null)
        {
            LogFetchFailed(this.GetPrimaryKeyString(), uri, error);
        }

        await GrainFactory.Catalog().OnJwksFetchedAsync(this.GetPrimaryKeyString(), new JwksFetch(uri, keys, keys is null ? null : _lastAttempt, _lastAttempt, error));
    }

    private async Task<(string? Keys, string? Error)> FetchKeysAsync(Uri uri)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            client.Timeout = options.Value.Timeout;
            client.MaxResponseContentBufferSize = MaxBytes;
            using var response = await client.GetAsync(uri);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var json = await response.Content.ReadAsStringAsync();
            return JsonWebKeys.Read(json).Error is { } invalid ? (null, $"{uri} answered a key set that {invalid}") : (json, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return (null, $"{uri} could not be fetched: {e.GetBaseException().Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "JWT provider {Provider}: fetching {Uri} failed ({Error}); edges keep the last good keys")]
    private partial void LogFetchFailed(string provider, Uri uri, string error);
}
