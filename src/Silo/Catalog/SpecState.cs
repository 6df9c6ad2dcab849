namespace Mesh.Silo.Catalog;

[GenerateSerializer, Alias("mesh.spec-state`1")]
internal sealed class SpecState<TSpec>
    where TSpec : class
{
    [Id(0)]
    public TSpec? Spec { get; set; }
}
