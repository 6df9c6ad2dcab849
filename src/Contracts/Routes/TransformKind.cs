namespace Mesh.Contracts.Routes;

/// <remarks>Stored state keeps the number: add new values at the end.</remarks>
[GenerateSerializer, Alias("mesh.transform-kind")]
public enum TransformKind
{
    PathRemovePrefix,
    PathPrefix,
    RequestHeaderSet,
    RequestHeaderRemove,
    ResponseHeaderSet,
    ResponseHeaderRemove,
    QueryParameterSet,
    QueryParameterRemove,
    PathPattern,
}
