using Mesh.Deploy.Tests.Images;
using Mesh.Testing;

namespace Mesh.Deploy.Tests.Compose;

/// <summary>docker-compose.yml and the images it builds: checked without a Docker engine.</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task EveryBuildContextDockerfileAndCopiedFile_Exists()
    {
        var compose = await ComposeFile.LoadAsync();
        var built = compose.Services.Where(s => s.Value.ContainsKey("build")).ToList();

        Assert.Equal(["edge", "greeter", "greeter-sidecar", "inventory", "inventory-sidecar", "orders", "orders-sidecar", "silo"], built.Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var (name, service) in built)
        {
            var build = ComposeFile.Section(service, "build")!;
            var context = (string)build["context"];
            var dockerfile = Path.Combine(context, (string)build["dockerfile"]);
            Assert.True(Directory.Exists(context), $"{name}: build context {context} does not exist");
            Assert.True(File.Exists(dockerfile), $"{name}: {dockerfile} does not exist");
            foreach (var source in Dockerfile.Load(dockerfile).ContextCopySources())
            {
                Assert.True(File.Exists(Path.Combine(context, source)) || Directory.Exists(Path.Combine(context, source)), $"{name}: {dockerfile} copies {source}, which is not in the build context");
            }
        }
    }

    [Fact]
    public async Task EveryMountedFile_Exists_AndTheDatabaseScriptsAreTheInitScripts()
    {
        var compose = await ComposeFile.LoadAsync();
        var mounts = compose.Services.SelectMany(s => ComposeFile.BindMounts(s.Value).Select(m => (Service: s.Key, m.Source, m.Target))).ToList();

        Assert.NotEmpty(mounts);
        Assert.All(mounts, m => Assert.True(File.Exists(m.Source) || Directory.Exists(m.Source), $"{m.Service} mounts {m.Source}, which does not exist"));
        var init = Assert.Single(mounts, m => m.Target == "/docker-entrypoint-initdb.d");
        Assert.Equal("postgres", init.Service);
        Assert.Equal(Path.Combine(RepoPaths.Root, "db", "sql"), init.Source);
        Assert.All(Directory.GetFiles(init.Source), f => Assert.EndsWith(".sql", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryMeshEnvironmentKey_InComposeAndTheImages_IsAKeyOfTheConfigurationContract()
    {
        var contract = ConfigurationKeys.Read();
        var compose = await ComposeFile.LoadAsync();
        var names = compose.Services
            .SelectMany(s => ComposeFile.Environment(s.Value).Keys.Select(k => (Where: $"docker-compose.yml service {s.Key}", Name: k)))
            .Concat(compose.Services.Values
                .Select(s => ComposeFile.Section(s, "build"))
                .OfType<Dictionary<object, object>>()
                .Select(b => Path.Combine((string)b["context"], (string)b["dockerfile"]))
                .SelectMany(f => Dockerfile.Load(f).EnvironmentNames().Select(n => (Where: f, Name: n))))
            .Where(e => ConfigurationKeys.IsMeshSetting(e.Name))
            .ToList();

        Assert.Contains("ConnectionStrings:Mesh", contract);
        Assert.Contains(names, e => e.Name == "Mesh__Admin__Token");
        Assert.All(names, e => Assert.True(
            contract.Contains(ConfigurationKeys.FromEnvironmentName(e.Name)),
            $"{e.Where} sets {e.Name}, but {ConfigurationKeys.FromEnvironmentName(e.Name)} is not a key of {ConfigurationKeys.DocumentPath}"));
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("inventory")]
    [InlineData("greeter")]
    public async Task SampleService_ListensOnLoopback_BehindASidecarInItsNetworkNamespace(string service)
    {
        var compose = await ComposeFile.LoadAsync();
        var app = compose.Services[service];
        var sidecar = compose.Services[$"{service}-sidecar"];
        var environment = ComposeFile.Environment(sidecar);

        Assert.Equal(service, app["hostname"]);
        Assert.Equal("http://127.0.0.1:7001", ComposeFile.Environment(app)["ASPNETCORE_URLS"]);
        Assert.Empty(ComposeFile.Ports(app));
        Assert.Equal($"service:{service}", sidecar["network_mode"]);
        Assert.Equal(compose.Services["edge"]["image"], sidecar["image"]);
        Assert.Equal("sidecar", environment["Mesh__Proxy__Mode"]);
        Assert.Equal("stdout", environment["Mesh__Proxy__AccessLog"]);
        Assert.Equal(service, environment["Mesh__Sidecar__Service"]);
        Assert.Equal("http://127.0.0.1:7001", environment["Mesh__Sidecar__App"]);
        Assert.Equal("https://+:15006", environment["Mesh__Sidecar__InboundUrls"]);
        Assert.Equal($"https://{service}:15006", environment["Mesh__Sidecar__AdvertisedUrl"]);
        Assert.Equal(ComposeFile.Environment(compose.Services["edge"])["ConnectionStrings__Mesh"], environment["ConnectionStrings__Mesh"]);
    }

    [Fact]
    public async Task SamplesSetup_RunsTheSetupScriptOnceAgainstTheSilos_WithTheSampleMeshBesideIt()
    {
        var compose = await ComposeFile.LoadAsync();
        var setup = compose.Services["samples-setup"];

        var mounts = ComposeFile.BindMounts(setup).ToList();
        var script = Assert.Single(mounts, m => m.Source == Path.Combine(RepoPaths.Root, "samples", "setup.sh"));
        var document = Assert.Single(mounts, m => m.Source == Path.Combine(RepoPaths.Root, "samples", "mesh.yaml"));
        Assert.Equal(["sh", script.Target], ComposeFile.List(setup, "entrypoint").Select(e => e.ToString()));
        Assert.Equal(Path.GetDirectoryName(script.Target), Path.GetDirectoryName(document.Target));
        Assert.Equal(["http://silo:5100"], ComposeFile.List(setup, "command").Select(c => c.ToString()));
        Assert.Equal("compose-test-token", ComposeFile.Environment(setup)["MESH_ADMIN_TOKEN"]);
        Assert.Equal("no", setup["restart"]);
        Assert.Equal("edge", ComposeFile.Environment(compose.Services["edge"])["Mesh__Proxy__Mode"]);
        Assert.Equal("stdout", ComposeFile.Environment(compose.Services["edge"])["Mesh__Proxy__AccessLog"]);
    }

    [Fact]
    public async Task Topology_IsThreeSilosOnPostgres_AnEdgeOn8080_AndPrometheusUnderAProfile()
    {
        var compose = await ComposeFile.LoadAsync();
        var silo = compose.Services["silo"];
        var edge = compose.Services["edge"];

        Assert.Equal("3", ComposeFile.Section(silo, "deploy")?["replicas"]?.ToString());
        Assert.Contains("5100-5102:5100", ComposeFile.Ports(silo));
        Assert.Contains("8080:8080", ComposeFile.Ports(edge));
        Assert.StartsWith("Host=postgres;", ComposeFile.Environment(silo)["ConnectionStrings__Mesh"], StringComparison.Ordinal);
        Assert.Equal(ComposeFile.Environment(silo)["ConnectionStrings__Mesh"], ComposeFile.Environment(edge)["ConnectionStrings__Mesh"]);
        Assert.DoesNotContain("Orleans__AdvertisedIP", ComposeFile.Environment(silo).Keys);
        Assert.Equal(["observability"], ComposeFile.List(compose.Services["prometheus"], "profiles").Select(p => p.ToString()));
        Assert.All(compose.Services.Where(s => s.Key != "prometheus"), s => Assert.Empty(ComposeFile.List(s.Value, "profiles")));
    }

    [Fact]
    public async Task Prometheus_ScrapesTheSilosWithTheAdminToken_WrittenWhereItsConfigurationReadsIt()
    {
        var compose = await ComposeFile.LoadAsync();
        var prometheus = compose.Services["prometheus"];
        var config = new YamlDotNet.Serialization.Deserializer().Deserialize<Dictionary<object, object>>(
            await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "prometheus", "prometheus.yml")));
        var jobs = ((List<object>)config["scrape_configs"]).Cast<Dictionary<object, object>>().ToDictionary(j => (string)j["job_name"]);
        var authorization = (Dictionary<object, object>)jobs["mesh-silo"]["authorization"];
        var entrypoint = string.Join(' ', ComposeFile.List(prometheus, "entrypoint"));

        Assert.Equal("Bearer", authorization["type"]);
        Assert.Equal("compose-test-token", ComposeFile.Environment(prometheus)["MESH_ADMIN_TOKEN"]);
        Assert.Contains($"> {authorization["credentials_file"]} ", entrypoint, StringComparison.Ordinal);
        Assert.Contains("MESH_ADMIN_TOKEN", entrypoint, StringComparison.Ordinal);
        Assert.Contains("exec /bin/prometheus --config.file=/etc/prometheus/prometheus.yml", entrypoint, StringComparison.Ordinal);
    }
}
