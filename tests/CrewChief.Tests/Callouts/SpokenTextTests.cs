using CrewChief.Callouts;

namespace CrewChief.Tests.Callouts;

public class SpokenTextTests
{
    private static readonly System.Buffers.SearchValues<char> s_markup = System.Buffers.SearchValues.Create("*_#[]`<>");

    [Theory]
    [InlineData("Gap 4.2", "Gap four point two")]
    [InlineData("You're P4.", "You're P four.")]
    [InlineData("Up to P12, nice.", "Up to P twelve, nice.")]
    [InlineData("Last lap 1:42.3.", "Last lap one forty-two point three.")]
    [InlineData("Best 1:05.2", "Best one oh five point two")]
    [InlineData("Lap 58.4 flat", "Lap fifty-eight point four flat")]
    [InlineData("Fronts at 95°C.", "Fronts at ninety-five degrees.")]
    [InlineData("Fronts at 105°C.", "Fronts at one hundred and five degrees.")]
    [InlineData("Fronts at 203°F.", "Fronts at two hundred and three degrees.")]
    [InlineData("Save 0.12 L a lap.", "Save point one two litres a lap.")]
    [InlineData("Add 1 L.", "Add one litre.")]
    [InlineData("Car behind at 0.4s.", "Car behind at point four seconds.")]
    [InlineData("Gap 1s.", "Gap one second.")]
    [InlineData("72% worn", "Seventy-two percent worn")]
    [InlineData("Limit 60 km/h.", "Limit sixty kilometres an hour.")]
    [InlineData("Limit 45 mph.", "Limit forty-five miles an hour.")]
    [InlineData("Delta -0.3 now", "Delta minus point three now")]
    [InlineData("You finished 1st.", "You finished first.")]
    [InlineData("Into 130R flat.", "Into one hundred and thirty R flat.")]
    [InlineData("Turn 11 next.", "Turn eleven next.")]
    [InlineData("14 laps to go. 3 stops.", "Fourteen laps to go. Three stops.")]
    public void From_SpeaksNumbersTimesPositionsAndUnits(string written, string spoken) =>
        Assert.Equal(spoken, SpokenText.From(written));

    [Fact]
    public void From_NeverLeavesMarkup()
    {
        string spoken = SpokenText.From("**Box** this lap, _now_ [P4] #go `x` <b>ok</b>");
        Assert.Equal(-1, spoken.AsSpan().IndexOfAny(s_markup));
        Assert.Contains("Box this lap, now P four go x", spoken, StringComparison.Ordinal);
    }

    [Fact]
    public void From_LeavesWordsAlone()
    {
        Assert.Equal("Car left.", SpokenText.From("Car left."));
        Assert.Equal("Clear all round.", SpokenText.From("Clear all round."));
    }
}
