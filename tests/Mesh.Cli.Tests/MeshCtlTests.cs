using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.Cli.Tests;

/// <summary>
/// meshctl against a real silo and edge: apply, diff exit codes, get round-tripping through apply, delete,
/// history, rollback and proxy-status. Every test applies with --prune=false under names of its own.
/// </summary>
public sealed class MeshCtlTests(CliFixture fixture) : IClassFixture<CliFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meshctl-test.").FullName;

    [Fact]
    public async Task Apply_ThenDiffOfTheSameFile_IsExit0_AndOfAChangedFile_IsExit3NamingTheFields()
    {
        var name = Unique("diff");
        var file = Write("mesh.yaml", Mesh(name, timeout: "5s"));

        var apply = await fixture.RunAsync("apply", "-f", file, "--prune=false");
        var same = await fixture.RunAsync("diff", "-f", file, "--prune=false");
        var changed = await fixture.RunAsync("diff", "-f", Write("changed.yaml", Mesh(name, timeout: "7s")), "--prune=false");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains($"create service '{name}'", apply.Output, StringComparison.Ordinal);
        Assert.Contains($"create route '{name}'", apply.Output, StringComparison.Ordinal);
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("0 to create, 0 to update, 0 to delete", same.Output, StringComparison.Ordinal);
        Assert.True(changed.ExitCode == 3, changed.ToString());
        Assert.Contains($"update service '{name}': timeout", changed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_WithWait_ReturnsOnceEveryProxyAppliedTheNewVersion()
    {
        var file = Write("mesh.yaml", Mesh(Unique("wait"), timeout: "5s"));

        var apply = await fixture.RunAsync("apply", "-f", file, "--prune=false", "--wait");

        Assert.True(apply.ExitCode == 0, apply.ToString());
        var version = VersionIn(apply.Output);
        Assert.Contains($"1/1 proxies at version {version}", apply.Output, StringComparison.Ordinal);
        Assert.True(await fixture.Edge.AppliedVersionAsync() >= version);
    }

    [Fact]
    public async Task GetConfigAsYaml_IsAFileThatApplyTakesBackWithoutChanges()
    {
        await fixture.RunAsync("apply", "-f", Write("mesh.yaml", Mesh(Unique("roundtrip"), timeout: "3s")), "--prune=false");

        var get = await fixture.RunAsync("get", "config", "-o", "yaml");
        var diff = await fixture.RunAsync("diff", "-f", Write("exported.yaml", get.Output));

        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.True(diff.ExitCode == 0, $"{diff}\n--- exported\n{get.Output}");
    }

    [Fact]
    public async Task Get_ShowsATable_OrJson_OfOneKindOrOneResource()
    {
        var name = Unique("get");
        await fixture.RunAsync("apply", "-f", Write("mesh.yaml", Mesh(name, timeout: "4s")), "--prune=false");

        var table = await fixture.RunAsync("get", "routes");
        var json = await fixture.RunAsync("get", "service", name, "-o", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith("NAME", table.Output, StringComparison.Ordinal);
        Assert.Contains($"/{name}/{{**rest}}", table.Output, StringComparison.Ordinal);
        Assert.Equal("4s", (string?)JsonNode.Parse(json.Output)!["timeout"]);
    }

    [Fact]
    public async Task GetCertificates_ShowsHostsExpiryAndFingerprint_AndDeleteRemovesOne()
    {
        var name = Unique("cert");
        using var certificate = SelfSignedCertificate.For($"{name}.example.test");
        await fixture.Silo.Http.PutCertificateAsync(name, certificate.Document());

        var table = await fixture.RunAsync("get", "certificates");
        var deleted = await fixture.RunAsync("delete", "certificate", name);

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith("NAME", table.Output, StringComparison.Ordinal);
        var row = Assert.Single(table.Output.Split('\n'), l => l.StartsWith(name, StringComparison.Ordinal));
        Assert.Contains($"{name}.example.test", row, StringComparison.Ordinal);
        Assert.Contains(certificate.Sha256, row, StringComparison.Ordinal);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.Silo.Http.GetAsync($"/api/v1/certificates/{name}")).StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesOneResource_AndAnUnknownOneIsOneLineAndExit1()
    {
        var name = Unique("delete");
        await fixture.RunAsync("apply", "-f", Write("mesh.yaml", Mesh(name, timeout: "4s")), "--prune=false");

        var deleted = await fixture.RunAsync("delete", "route", name);
        var again = await fixture.RunAsync("delete", "route", name);

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.Silo.Http.GetAsync($"/api/v1/routes/{name}")).StatusCode);
        Assert.Equal(1, again.ExitCode);
        var line = Assert.Single(again.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("meshctl: error: DELETE", line, StringComparison.Ordinal);
        Assert.Contains("404", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ListsTheApply_AndRollbackBringsTheEarlierFileBack()
    {
        var name = Unique("rollback");
        var first = Write("first.yaml", Mesh(name, timeout: "5s"));
        var firstVersion = VersionIn((await fixture.RunAsync("apply", "-f", first, "--prune=false")).Output);
        await fixture.RunAsync("apply", "-f", Write("second.yaml", Mesh(name, timeout: "9s")), "--prune=false");

        var history = await fixture.RunAsync("history");
        var rollback = await fixture.RunAsync("rollback", firstVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "--wait");
        var diff = await fixture.RunAsync("diff", "-f", first, "--prune=false");

        Assert.Contains(firstVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), history.Output, StringComparison.Ordinal);
        Assert.Contains(" ago (", history.Output, StringComparison.Ordinal);
        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        Assert.Contains($"update service '{name}': timeout", rollback.Output, StringComparison.Ordinal);
        Assert.True(diff.ExitCode == 0, diff.ToString());
    }

    [Fact]
    public async Task ProxyStatus_ShowsTheEdgeSynced_WithHowLongAgoAndWhen()
    {
        await fixture.Edge.WaitForVersionAsync(await fixture.Silo.Http.CatalogVersionAsync());

        var status = await fixture.RunAsync("proxy-status");

        Assert.True(status.ExitCode == 0, status.ToString());
        var row = Assert.Single(status.Output.Split('\n'), l => l.StartsWith(fixture.Edge.Id, StringComparison.Ordinal));
        Assert.Contains("SYNCED", row, StringComparison.Ordinal);
        Assert.Matches(@"\d+s ago \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)", row);
    }

    [Fact]
    public async Task Apply_OfADirectory_MergesItsFiles_AndARouteDefinedTwiceIsRefused()
    {
        var name = Unique("folder");
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "folder")).FullName;
        File.WriteAllText(Path.Combine(folder, "a-services.yaml"), $"services:\n  {name}: {{ timeout: 5s }}\n");
        File.WriteAllText(Path.Combine(folder, "b-routes.json"), $$"""{ "routes": { "{{name}}": { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] } } }""");

        var applied = await fixture.RunAsync("apply", "-f", folder, "--prune=false");
        File.WriteAllText(Path.Combine(folder, "c-again.yaml"), $"routes:\n  {name}:\n    match: {{ path: /x }}\n    backends: [ {{ service: {name} }} ]\n");
        var twice = await fixture.RunAsync("apply", "-f", folder, "--prune=false");

        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains($"create route '{name}'", applied.Output, StringComparison.Ordinal);
        Assert.Equal(1, twice.ExitCode);
        Assert.Contains($"routes.{name} is defined in", twice.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_IsOneLine_AndExit1_OrExit2ForUsage()
    {
        var refused = await fixture.RunAsync("apply", "-f", Write("bad.yaml", "routes:\n  bad: { match: { path: /bad }, backends: [ { service: nowhere } ] }\nservices:\n  bad-svc: { timeout: soon }\n"), "--prune=false");
        var missing = await fixture.RunAsync("apply", "-f", Path.Combine(_folder, "nothing-here.yaml"));
        var usage = await fixture.RunAsync("apply", "--no-such-option");
        var wrongToken = await MeshCtlProcess.RunAsync(fixture.Silo, "wrong-token", "history");

        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(refused.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("routes.bad.backends[0].service: service 'nowhere' does not exist", line, StringComparison.Ordinal);
        Assert.Contains("services.bad-svc.timeout", line, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such file or directory", missing.Errors, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
        Assert.Equal(1, wrongToken.ExitCode);
        Assert.Contains("MESH_ADMIN_TOKEN", wrongToken.Errors, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];

    private static string Mesh(string name, string timeout) => $"""
        services:
          {name}: {"{"} timeout: {timeout} {"}"}
        routes:
          {name}:
            match: {"{"} path: "/{name}/{"{"}**rest{"}"}" {"}"}
            backends: [ {"{"} service: {name} {"}"} ]
        """;

    private string Write(string file, string text)
    {
        var path = Path.Combine(_folder, file);
        File.WriteAllText(path, text);
        return path;
    }

    private static long VersionIn(string output) =>
        long.Parse(System.Text.RegularExpressions.Regex.Match(output, @"configuration version (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
}
