using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Mesh.Contracts.Identity;

/// <summary>
/// The SPIFFE ids of the mesh, <c>spiffe://{trustDomain}/service/{service}</c>, and reading them from the
/// URI SANs of a certificate (context tag 6 in the GeneralNames sequence).
/// </summary>
public static class SpiffeIds
{
    private const string Scheme = "spiffe://";
    private const string ServiceSegment = "/service/";

    public static string For(string trustDomain, string service) => $"{Scheme}{trustDomain}{ServiceSegment}{service}";

    /// <summary>The service a certificate speaks for in <paramref name="trustDomain"/>: its only SPIFFE URI SAN must be one of ours.</summary>
    public static string? ServiceOf(X509Certificate2 certificate, string trustDomain)
    {
        var spiffe = UriNames(certificate).Where(n => n.StartsWith(Scheme, StringComparison.Ordinal)).ToList();
        if (spiffe.Count != 1)
        {
            return null;
        }

        var prefix = Scheme + trustDomain + ServiceSegment;
        var id = spiffe[0];
        return id.StartsWith(prefix, StringComparison.Ordinal) && id.Length > prefix.Length && id.IndexOf('/', prefix.Length) < 0 ? id[prefix.Length..] : null;
    }

    public static IReadOnlyList<string> UriNames(X509Certificate2 certificate)
    {
        var extension = certificate.Extensions["2.5.29.17"];
        if (extension is null)
        {
            return [];
        }

        var uris = new List<string>();
        try
        {
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (names.HasData)
            {
                if (names.PeekTag() == uriTag)
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed SAN names nobody.
            return [];
        }

        return uris;
    }
}
