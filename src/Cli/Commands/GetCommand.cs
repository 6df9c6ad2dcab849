using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Cli.Output;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl get KIND [NAME] [-o yaml|json|table]</c>. <c>get config -o yaml</c> prints a file <c>apply</c> takes back unchanged.</summary>
internal static class GetCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliContext cli)
    {
        var kind = new Argument<string>("kind") { Description = CliKind.Names };
        var name = new Argument<string?>("name") { Description = "One resource (an endpoint: service/id); all of the kind without it", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string?>("--output", "-o") { Description = "yaml, json or table (default: table; yaml for config)" };
        format.AcceptOnlyFromAmong("yaml", "json", "table");
        var command = new Command("get", "Show resources") { kind, name, format };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var which = CliKind.Parse(parse.GetValue(kind)!);
            var one = parse.GetValue(name);
            var output = parse.GetValue(format) ?? (which == CliKind.Config ? "yaml" : "table");
            JsonNode body;
            if (which == CliKind.Config)
            {
                body = (await admin.GetAsync(which.Path, cancellationToken)).Body;
            }
            else if (one is not null)
            {
                body = (await admin.GetAsync(which.PathOf(one), cancellationToken)).Body;
            }
            else
            {
                body = await ListAsync(admin, which, cancellationToken);
            }

            switch (output)
            {
                case "json":
                    cli.Output.WriteLine(body.ToJsonString(Indented));
                    break;
                case "yaml":
                    cli.Output.Write(YamlOutput.Write(body));
                    break;
                default:
                    WriteTable(cli.Output, which, body is JsonArray list ? list : [body.DeepClone()]);
                    break;
            }

            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>Every resource of a kind, each with its name, from the kind's list (live fields) or the configuration document.</summary>
    private static async Task<JsonArray> ListAsync(Admin.AdminClient admin, CliKind kind, CancellationToken cancellationToken)
    {
        if (kind == CliKind.Service || kind == CliKind.Route || kind == CliKind.RateLimit || kind == CliKind.Certificate || kind == CliKind.Consumer || kind == CliKind.JwtProvider)
        {
            return (await admin.GetAsync(kind.Path, cancellationToken)).Body.AsArray();
        }

        var config = (await admin.GetAsync(CliKind.Config.Path, cancellationToken)).Body;
        if (kind == CliKind.Authz)
        {
            return [.. config["authz"]!.AsObject().Select(p => (JsonNode)new JsonObject { ["service"] = p.Key, ["allow"] = p.Value!["allow"]!.DeepClone() })];
        }

        var services = (await admin.GetAsync(CliKind.Service.Path, cancellationToken)).Body.AsArray();
        return [.. services.SelectMany(s => s!["endpoints"]!.AsArray()).Select(e => e!.DeepClone())];
    }

    private static void WriteTable(TextWriter output, CliKind kind, JsonArray items)
    {
        var rows = items.Select(i => i!.AsObject()).ToList();
        if (kind == CliKind.Service)
        {
            Table.Write(output, ["NAME", "LOAD BALANCING", "TIMEOUT", "HEALTH CHECK", "ENDPOINTS"], rows.Select(s => (IReadOnlyList<string>)
                [Text(s["name"]), Text(s["loadBalancing"]), Text(s["timeout"]), HealthCheck(s["healthCheck"]), Endpoints(s["endpoints"])]));
        }
        else if (kind == CliKind.Route)
        {
            Table.Write(output, ["NAME", "HOSTS", "PATH", "BACKENDS", "RATE LIMIT"], rows.Select(r => (IReadOnlyList<string>)
                [Text(r["id"]), Join(r["match"]?["hosts"]), Text(r["match"]?["path"]), Backends(r["backends"]), Text(r["rateLimit"])]));
        }
        else if (kind == CliKind.RateLimit)
        {
            Table.Write(output, ["NAME", "PERMITS/S", "BURST", "PARTITION", "FAIL MODE"], rows.Select(p => (IReadOnlyList<string>)
                [Text(p["name"]), Text(p["permitsPerSecond"]), Text(p["burst"]), Text(p["partitionBy"]), Text(p["failMode"])]));
        }
        else if (kind == CliKind.Certificate)
        {
            Table.Write(output, ["NAME", "HOSTS", "NOT AFTER", "SHA256"], rows.Select(c => (IReadOnlyList<string>)
                [Text(c["name"]), Join(c["hosts"]), Text(c["notAfter"]), Text(c["sha256"])]));
        }
        else if (kind == CliKind.Consumer)
        {
            Table.Write(output, ["NAME", "GROUPS", "RATE LIMIT"], rows.Select(c => (IReadOnlyList<string>)
                [Text(c["id"]), Join(c["groups"]), Text(c["rateLimit"])]));
        }
        else if (kind == CliKind.JwtProvider)
        {
            Table.Write(output, ["NAME", "ISSUER", "KEYS", "JWKS", "LAST ERROR"], rows.Select(p => (IReadOnlyList<string>)
                [Text(p["name"]), Text(p["issuer"]), Text(p["jwksStatus"]?["keys"]), p["jwksUri"] is null ? "inline" : Text(p["jwksUri"]), Text(p["jwksStatus"]?["error"])]));
        }
        else if (kind == CliKind.Authz)
        {
            Table.Write(output, ["SERVICE", "ALLOW"], rows.Select(a => (IReadOnlyList<string>)
                [Text(a["service"]), string.Join("; ", a["allow"]!.AsArray().Select(r => Join(r!["from"]) + (r["methods"] is JsonArray { Count: > 0 } m ? " " + Join(m) : string.Empty) + (r["paths"] is JsonArray { Count: > 0 } p ? " " + Join(p) : string.Empty)))]));
        }
        else if (kind == CliKind.Endpoint)
        {
            Table.Write(output, ["SERVICE", "ID", "ADDRESS", "HEALTH", "WEIGHT", "TTL"], rows.Select(e => (IReadOnlyList<string>)
                [Text(e["service"]), Text(e["id"]), Text(e["address"]), Text(e["health"]), Text(e["weight"]), Text(e["ttl"])]));
        }
        else
        {
            throw new CliException("the whole configuration prints as yaml or json: -o yaml");
        }
    }

    private static string Text(JsonNode? node) => node is null ? "-" : node.GetValueKind() == JsonValueKind.String ? (string)node! : node.ToJsonString();

    private static string Join(JsonNode? list) => list is JsonArray { Count: > 0 } items ? string.Join(",", items.Select(Text)) : "-";

    private static string HealthCheck(JsonNode? check) => check is null ? "-"
        : check["enabled"]?.GetValue<bool>() == false ? "off"
        : (string?)check["protocol"] == "http" ? $"GET {Text(check["path"])}" : Text(check["protocol"]);

    private static string Endpoints(JsonNode? endpoints)
    {
        var list = endpoints?.AsArray() ?? [];
        var healthy = list.Count(e => (string?)e!["health"] is "healthy" or "unknown");
        return $"{healthy}/{list.Count} available";
    }

    private static string Backends(JsonNode? backends) =>
        backends is JsonArray list ? string.Join(",", list.Select(b => list.Count > 1 ? $"{Text(b!["service"])}:{Text(b["weight"])}" : Text(b!["service"]))) : "-";
}
