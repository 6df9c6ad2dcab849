using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Validation;

public sealed class DurationTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("2s", 2_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("0.5h", 1_800_000)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    [InlineData("15s", 15_000)]
    public void TryParse_WhenTextHasAUnit_ReturnsTheDuration(string text, int milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("abc")]
    [InlineData("-1s")]
    [InlineData("+1s")]
    [InlineData("5 s")]
    [InlineData(" 5s")]
    [InlineData("5s ")]
    [InlineData("5S")]
    [InlineData("5MS")]
    [InlineData("1d")]
    [InlineData("s")]
    [InlineData(".5s")]
    [InlineData("1.s")]
    [InlineData("1,5s")]
    [InlineData("1h 30m")]
    [InlineData("00:00:05")]
    [InlineData(null)]
    public void TryParse_WhenTextIsNotADurationWithAUnit_ReturnsFalse(string? text)
    {
        Assert.False(Duration.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_WhenZero_ReturnsZeroAndLeavesRefusalToTheReader()
    {
        Assert.True(Duration.TryParse("0s", out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Theory]
    [InlineData("9999999999999h")]
    [InlineData("256204779h")]
    [InlineData("256204778h49m")]
    public void TryParse_WhenLongerThanTimeSpanCanHold_ReturnsFalse(string text)
    {
        Assert.False(Duration.TryParse(text, out _));
    }

    /// <remarks>
    /// Regex <c>\d</c> matches any Unicode decimal digit, but <c>double.Parse</c> only reads ASCII ones,
    /// so such input throws instead of being refused (a 500 from the admin API instead of a 400).
    /// </remarks>
    [Theory]
    [InlineData("\u0665s")]
    [InlineData("\u0661\u0660m")]
    [InlineData("\uFF15s")]
    public void TryParse_WhenDigitsAreNotAscii_ReturnsFalseWithoutThrowing(string text)
    {
        var exception = Record.Exception(() => Duration.TryParse(text, out _));

        Assert.Null(exception);
        Assert.False(Duration.TryParse(text, out _));
    }

    /// <remarks>Decimal seconds such as "0.043s" must mean exactly 43ms, not 42.9999ms (which renders as "42ms").</remarks>
    [Theory]
    [InlineData("0.043s", 43)]
    [InlineData("0.102s", 102)]
    [InlineData("1.005s", 1_005)]
    [InlineData("2.3s", 2_300)]
    public void TryParse_WhenSecondsHaveAFraction_IsExactToTheMillisecond(string text, int milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Fact]
    public void TryParse_WhenSecondsHaveThreeDecimals_MatchesTheMillisecondsForEveryValueUpToTenSeconds()
    {
        var wrong = Enumerable.Range(1, 9_999)
            .Select(ms => (Text: $"{ms / 1000}.{ms % 1000:D3}s", Expected: TimeSpan.FromMilliseconds(ms)))
            .Where(c => !Duration.TryParse(c.Text, out var duration) || duration != c.Expected)
            .Select(c => c.Text)
            .ToArray();

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData(90_000, "90s")]
    [InlineData(250, "250ms")]
    [InlineData(1_500, "1500ms")]
    [InlineData(2_000, "2s")]
    [InlineData(300_000, "5m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(5_400_000, "90m")]
    [InlineData(90_000_000, "25h")]
    [InlineData(3_723_004, "3723004ms")]
    public void Format_WritesTheLargestUnitThatIsExact(int milliseconds, string expected)
    {
        Assert.Equal(expected, Duration.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Format_WhenZeroOrNegative_WritesZeroSeconds()
    {
        Assert.Equal("0s", Duration.Format(TimeSpan.Zero));
        Assert.Equal("0s", Duration.Format(TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public void Format_DropsSubMillisecondParts()
    {
        Assert.Equal("1s", Duration.Format(TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(9_999)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(250)]
    [InlineData(1_500)]
    [InlineData(90_000)]
    [InlineData(5_400_000)]
    [InlineData(86_400_000)]
    [InlineData(3_723_004)]
    public void Format_ThenTryParse_RoundTrips(int milliseconds)
    {
        var duration = TimeSpan.FromMilliseconds(milliseconds);

        Assert.True(Duration.TryParse(Duration.Format(duration), out var parsed));
        Assert.Equal(duration, parsed);
    }
}
