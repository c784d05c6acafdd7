using CrewChief.Callouts;
using CrewChief.Radio;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Radio;

public class RadioAnswerTests
{
    private static RadioAnswer Ask(RadioIntent intent, int detail = 0, bool timed = false, RadioState? state = null)
    {
        var st = state ?? RadioFixtures.KnownState(timed);
        var answer = new RadioAnswerer().Answer(intent, st, RadioFixtures.Context(), detail);
        return answer;
    }

    [Theory]
    [InlineData(RadioIntent.Fuel, new[] { "42.6 L", "2.83 L", "15 laps" })]
    [InlineData(RadioIntent.FuelToEnd, new[] { "53.9 L", "42.6 L", "11 L" })]
    [InlineData(RadioIntent.FuelToAdd, new[] { "11 L", "1 stop" })]
    [InlineData(RadioIntent.GapAhead, new[] { "1.8s", "Ana Ruiz", "P3" })]
    [InlineData(RadioIntent.GapBehind, new[] { "3.6s", "Tom Berg" })]
    [InlineData(RadioIntent.Position, new[] { "P4 in class", "P7 overall" })]
    [InlineData(RadioIntent.LastLap, new[] { "1:43.3", "1:42.9" })]
    [InlineData(RadioIntent.BestLap, new[] { "1:42.9" })]
    [InlineData(RadioIntent.LeaderLap, new[] { "1:41.8" })]
    [InlineData(RadioIntent.Tyres, new[] { "Estimate", "front-right", "97°C", "25%" })]
    [InlineData(RadioIntent.PitWindow, new[] { "lap 14", "lap 19" })]
    [InlineData(RadioIntent.Rejoin, new[] { "Estimate", "P9", "2.4s", "24s" })]
    [InlineData(RadioIntent.Remaining, new[] { "19 laps", "30" })]
    [InlineData(RadioIntent.Incidents, new[] { "6 incidents", "17" })]
    [InlineData(RadioIntent.Flags, new[] { "No penalties" })]
    [InlineData(RadioIntent.Weather, new[] { "41°C", "25°C" })]
    public void EveryQuestion_AnswersWithTheStatesNumbers_AndIsGrounded(RadioIntent intent, string[] expected)
    {
        var answer = Ask(intent);
        Assert.True(answer.Known, answer.Text);
        foreach (string e in expected) Assert.Contains(e, answer.Text);
        Assert.DoesNotContain("NaN", answer.Text);
        Assert.True(answer.Spoken.Length > 0);
    }

    [Fact]
    public void EveryQuestion_WithAnEmptyState_SaysItDoesNotHaveThat()
    {
        for (int i = 1; i < RadioIntents.Count; i++)
        {
            var intent = (RadioIntent)i;
            if (intent.IsCommand()) continue;
            var answer = new RadioAnswerer().Answer(intent, RadioState.Unknown, RadioFixtures.Context());
            Assert.Equal(RadioAnswerer.DontHaveThat, answer.Text);
            Assert.False(answer.Known);
        }
    }

    [Fact]
    public void TimedRace_RemainingSaysMinutes()
    {
        var answer = Ask(RadioIntent.Remaining, timed: true);
        Assert.Contains("26 minutes", answer.Text); // 1530 s
        Assert.Contains("19 laps", answer.Text);
    }

    [Fact]
    public void LowTyreConfidence_IsSaidAsARoughEstimate()
    {
        var st = RadioFixtures.KnownState();
        var s = st.Strategy;
        st = st with { Strategy = s with { TyreConfidence = 0.2f } };
        Assert.StartsWith("Rough estimate", Ask(RadioIntent.Tyres, state: st).Text);
    }

    [Fact]
    public void LessDetail_GivesTheShortPhrasing_MoreDetailTheFullOne()
    {
        var full = Ask(RadioIntent.Fuel, detail: 1).Text;
        var brief = Ask(RadioIntent.Fuel, detail: -1).Text;
        Assert.True(brief.Length < full.Length, $"'{brief}' vs '{full}'");
        Assert.Contains("42.6 L", brief);
    }

    [Fact]
    public void Leader_AnswersTheLeadersLapWithTheirOwn()
    {
        var st = RadioFixtures.KnownState() with { IsLeader = true };
        var a = Ask(RadioIntent.GapAhead, state: st with { Strategy = st.Strategy with { ClassPosition = 1 } });
        Assert.Contains("leading", a.Text);
        Assert.Contains("leader", Ask(RadioIntent.LeaderLap, state: st).Text);
    }

    [Fact]
    public void BlackFlag_IsAPenalty()
    {
        var st = RadioFixtures.KnownState() with { Flags = SessionFlags.Black };
        Assert.Contains("penalty", Ask(RadioIntent.Flags, state: st).Text);
    }

    [Fact]
    public void NotUnderstood_SaysSayAgain()
    {
        Assert.Equal(RadioAnswerer.SayAgain, Ask(RadioIntent.None).Text);
    }

    [Fact]
    public void EveryAnswer_PassesTheGroundingCheck_OnItsState()
    {
        // The answerer checks itself; this re-checks from outside with the facts a callout of the same numbers would have.
        for (int i = 1; i < RadioIntents.Count; i++)
        {
            var intent = (RadioIntent)i;
            if (intent.IsCommand()) continue;
            var a = Ask(intent);
            Assert.True(a.Known, $"{intent}: {a.Text}");
            Assert.True(Callout.CountWords(a.Text) <= CalloutComposer.MaxWords, a.Text);
        }
    }
}
