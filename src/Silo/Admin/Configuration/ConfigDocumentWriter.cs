using System.Text.Json.Nodes;
using Mesh.Contracts.Configuration;
using Mesh.Silo.Catalog.Kinds;

namespace Mesh.Silo.Admin.Configuration;

/// <summary>
/// The configuration document from stored documents: one section per kind, keyed by name, with each service's
/// static endpoints inside it (<c>services.orders.endpoints</c>). The same shape <c>config/apply</c> takes back.
/// </summary>
internal static class ConfigDocumentWriter
{
    private static readonly string[] Sections = [.. ConfigKinds.All.Where(k => k != ConfigKinds.Endpoint).Select(k => k.Section)];

    public static JsonObject Write(ConfigDocuments documents)
    {
        var root = new JsonObject { ["version"] = documents.Version };
        foreach (var section in Sections)
        {
            root[section] = new JsonObject();
        }

        var endpoints = new List<(string Service, string Id, JsonObject Document)>();
        foreach (var (key, json) in documents.Resources.Select(r => (r.Key, r.Json)))
        {
            var document = JsonNode.Parse(json)!.AsObject();
            var kind = ConfigKinds.Get(key.Kind);
            if (kind == ConfigKinds.Endpoint)
            {
                var (service, id) = ConfigKinds.SplitEndpoint(key.Name);
                endpoints.Add((service, id, document));
            }
            else
            {
                root[kind.Section]![key.Name] = document;
            }
        }

        foreach (var group in endpoints.GroupBy(e => e.Service, StringComparer.Ordinal))
        {
            var list = new JsonArray();
            foreach (var (_, id, document) in group)
            {
                var withId = new JsonObject { ["id"] = id };
                foreach (var (field, value) in document.ToList())
                {
                    document.Remove(field);
                    withId[field] = value;
                }

                list.Add(withId);
            }

            root["services"]![group.Key]!["endpoints"] = list;
        }

        return root;
    }
}
