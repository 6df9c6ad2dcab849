using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Circuits;

/// <summary>The JSON shape of a circuit in the admin API.</summary>
public sealed record CircuitDocument
{
    public required string State { get; init; }

    public required double FailureRatio { get; init; }

    public required int Requests { get; init; }

    public DateTimeOffset? OpenedAt { get; init; }

    public required DateTimeOffset Since { get; init; }

    public DateTimeOffset? RetryAt { get; init; }

    public static CircuitDocument From(CircuitStatus status) => new()
    {
        State = EnumNames<CircuitState>.Name(status.State),
        FailureRatio = Math.Round(status.FailureRatio, 4),
        Requests = status.Requests,
        OpenedAt = status.OpenedAt,
        Since = status.Since,
        RetryAt = status.RetryAt,
    };
}
