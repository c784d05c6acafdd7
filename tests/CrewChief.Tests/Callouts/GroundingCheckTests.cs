using CrewChief.Callouts;
using CrewChief.Events;

namespace CrewChief.Tests.Callouts;

public class GroundingCheckTests
{
    private static readonly CalloutContext s_gt3AtSpa = CalloutFixtures.Context("BMW M4 GT3", "spa up", position: 4);
    private static readonly RaceEvent s_defend = CalloutFixtures.Event(EventKind.Defend, Priority.High,
        (FactKey.GapBehind, 0.43), (FactKey.Position, 4), (FactKey.LapsRemaining, 12), (FactKey.TyreTemp, 104.6));

    private static GroundingVerdict Check(string text, CalloutContext? ctx = null, RaceEvent? e = null) =>
        GroundingCheck.Check(text, GroundingFacts.From(e ?? s_defend, ctx ?? s_gt3AtSpa));

    [Theory]
    [InlineData("Car behind at 0.4s. Cover the inside into Les Combes.")]
    [InlineData("Car behind at point four seconds, P four, twelve laps to go.")]
    [InlineData("Fronts at 105°C, 12 laps to go, keep P4.")]
    [InlineData("Fronts at one hundred and five degrees.")]
    [InlineData("P5 is right behind you at 0.43s.")]              // the neighbour behind: a gap behind is known
    [InlineData("Watch him into La Source, then Eau Rouge.")]
    [InlineData("the one behind is quick, hold the inside")]       // "one" as a pronoun is not a number
    [InlineData("Hold fourth place, Push Now.")]                    // radio words in title case are not names
    [InlineData("He's half a second back, cover the inside.")]     // 0.43 to the nearest half
    public void Check_AcceptsWhatTheFactsSupport(string text) =>
        Assert.True(Check(text).IsGrounded, Check(text).ToString());

    [Theory]
    [InlineData("Car behind at 0.8s.")]
    [InlineData("Car behind at point eight seconds.")]
    [InlineData("Rejoin in 3.5s of clear air.")]
    [InlineData("Fifteen laps to go.")]
    [InlineData("He's a tenth quicker.")]
    [InlineData("1 lap to pit.")]                                    // not a ceiling of the 0.43 s gap
    [InlineData("He's a couple of tenths quicker.")]
    public void Check_CatchesAnInventedNumber(string text) =>
        Assert.Equal(GroundingProblem.UngroundedNumber, Check(text).Problem);

    [Theory]
    [InlineData("Defend into Parabolica.")]
    [InlineData("Cover the inside at the Corkscrew.")]
    [InlineData("Defend into Turn 19.")]
    [InlineData("defend into turn nineteen")]
    public void Check_CatchesACornerFromAnotherTrack(string text) =>
        Assert.Equal(GroundingProblem.WrongCorner, Check(text).Problem);

    [Theory]
    [InlineData("Hold P2.")]
    [InlineData("You're P three now.")]
    [InlineData("P3 is the target.")]  // no gap ahead known, so no neighbour ahead to name
    [InlineData("You're up to third place.")]
    public void Check_CatchesAWrongPosition(string text) =>
        Assert.Equal(GroundingProblem.WrongPosition, Check(text).Problem);

    [Theory]
    // What the published fine-tuned 8B model still does: invent a rejoin position and a target lap time.
    [InlineData("Box now, you'll rejoin P9 in clean air.", GroundingProblem.WrongPosition)]
    [InlineData("Target a 2:17.8 on the out-lap.", GroundingProblem.UngroundedNumber)]
    [InlineData("Aim for two seventeen point eight.", GroundingProblem.UngroundedNumber)]
    [InlineData("Box in 3 laps.", GroundingProblem.UngroundedNumber)]
    public void Check_CatchesTheAnchorModelsInventions(string text, GroundingProblem problem) =>
        Assert.Equal(problem, Check(text).Problem);

    [Fact]
    public void Check_CatchesDrsOnAGt3_AndAcceptsItOnAnF1Car()
    {
        Assert.Equal(GroundingProblem.MissingSystem, Check("Use DRS down to Les Combes.").Problem);
        var f1 = CalloutFixtures.Context("Mercedes-AMG W13 E Performance", "spa up", position: 4);
        Assert.True(Check("Use DRS down to Les Combes.", f1).IsGrounded);
    }

    [Theory]
    [InlineData("Save deployment for the straight.")]
    [InlineData("Harvest more into La Source.")]
    [InlineData("Use the KERS now.")]
    [InlineData("Push-to-pass on the straight.")]
    public void Check_CatchesSystemsTheCarLacks(string text) =>
        Assert.Equal(GroundingProblem.MissingSystem, Check(text).Problem);

    [Fact]
    public void Check_AcceptsDeploymentOnAHybrid()
    {
        var gtp = CalloutFixtures.Context("Porsche 963 GTP", "spa up", position: 4);
        Assert.True(Check("Save deployment for the exit of La Source.", gtp).IsGrounded);
    }

    [Fact]
    public void Check_CatchesNamesNobodyGaveUs()
    {
        Assert.Equal(GroundingProblem.UnknownName, Check("Car behind at 0.4s, it's Verstappen.").Problem);
        var ctx = CalloutFixtures.Context("BMW M4 GT3", "spa up", position: 4);
        ctx.CarNames[7] = "Max Verstappen";
        var e = CalloutFixtures.Event(EventKind.Defend, Priority.High, (FactKey.GapBehind, 0.43), (FactKey.CarIdx, 7));
        Assert.True(Check("Car behind at 0.4s, it's Verstappen.", ctx, e).IsGrounded);
    }

    [Theory]
    [InlineData("aheastill pitCCCCCCCCCCC pit finkeep.")]                // what a random-weight model writes
    [InlineData("Hold it, witI pullin onpulling.")]
    [InlineData("McLaren is right behind you.")]                         // a name, at sentence start, nobody gave
    public void Check_CatchesWordsWithACapitalInside(string text) =>
        Assert.Equal(GroundingProblem.UnknownName, Check(text).Problem);

    [Fact]
    public void Check_AcceptsACapitalInsideTheCarsOwnName()
    {
        var mclaren = CalloutFixtures.Context("McLaren 720S GT3 EVO", "spa up", position: 4);
        Assert.True(Check("McLaren rears are hot, manage them.", mclaren).IsGrounded);
    }

    [Fact]
    public void Check_WorksClauseByClause()
    {
        // The LLM path streams clauses; each must stand alone.
        Assert.True(Check("Car behind at 0.4s,").IsGrounded);
        Assert.True(Check("cover the inside into Les Combes").IsGrounded);
        Assert.Equal(GroundingProblem.UngroundedNumber, Check("rejoin in 3.5s").Problem);
        Assert.Equal(GroundingProblem.WrongCorner, Check("into Parabolica,").Problem);
    }

    [Fact]
    public void Check_AcceptsSpokenLapTimesAndUnitConversions()
    {
        var pace = CalloutFixtures.Event(EventKind.PaceDropping, Priority.Medium, (FactKey.LapTime, 102.34), (FactKey.BestLapTime, 101.9));
        Assert.True(Check("Last lap one forty-two point three.", e: pace).IsGrounded);
        Assert.True(Check("Last lap 1:42.3, best 1:41.9.", e: pace).IsGrounded);
        Assert.Equal(GroundingProblem.UngroundedNumber, Check("Last lap one forty-three point one.", e: pace).Problem);

        var imperial = CalloutFixtures.Context("BMW M4 GT3", "spa up", units: Units.Imperial);
        Assert.True(Check("Fronts at 220°F.", imperial).IsGrounded);   // 104.6 °C
    }
}
