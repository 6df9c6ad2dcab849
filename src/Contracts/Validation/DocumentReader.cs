namespace Mesh.Contracts.Validation;

/// <summary>Reads optional document fields into spec values, recording every bad one and falling back to defaults.</summary>
public sealed class DocumentReader(ValidationErrors errors)
{
    public ValidationErrors Errors { get; } = errors;

    public TimeSpan Duration(string? text, string field, TimeSpan fallback, bool allowZero = false) =>
        text is null ? fallback : OptionalDuration(text, field, allowZero) ?? fallback;

    /// <summary>A duration such as <c>200ms</c>; only with <paramref name="allowZero"/> may it be <c>0s</c> ("none").</summary>
    public TimeSpan? OptionalDuration(string? text, string field, bool allowZero = false)
    {
        if (text is null)
        {
            return null;
        }

        if (!Validation.Duration.TryParse(text, out var duration))
        {
            Errors.Add(field, Validation.Duration.FormatHint);
            return null;
        }

        if (duration < TimeSpan.Zero || (duration == TimeSpan.Zero && !allowZero))
        {
            Errors.Add(field, allowZero ? "must not be negative" : "must be greater than zero");
            return null;
        }

        if (duration.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            Errors.Add(field, "must be a whole number of milliseconds");
            return null;
        }

        return duration;
    }

    public int Number(int? value, string field, int fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value < min || value > max)
        {
            Errors.Add(field, $"must be between {min} and {max}");
            return fallback;
        }

        return value.Value;
    }

    public TEnum Choice<TEnum>(string? text, string field, TEnum fallback)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        if (!EnumNames<TEnum>.TryParse(text, out var value))
        {
            Errors.Add(field, $"must be one of {EnumNames<TEnum>.AllowedList}");
            return fallback;
        }

        return value;
    }

    /// <summary>Records a missing required value; returns the value or an empty string.</summary>
    public string Required(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            Errors.Add(field, "is required");
            return string.Empty;
        }

        return value;
    }

    public void ServiceReference(string? service, string field)
    {
        if (string.IsNullOrEmpty(service))
        {
            Errors.Add(field, "is required");
        }
        else if (!ResourceNames.IsValidName(service))
        {
            Errors.Add(field, ResourceNames.NameRule);
        }
    }
}
