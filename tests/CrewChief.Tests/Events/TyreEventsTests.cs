using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

public class TyreEventsTests
{
    private const TelemetryChannels WithSurface = (TelemetryChannels)0xFFFF | TelemetryChannels.TyreSurfaceTemps;

    private static void Surface(ScriptedRace race, float lf, float rf, float lr, float rr)
    {
        float[] t = [lf, rf, lr, rr];
        for (int i = 0; i < 12; i++) race.Frame.TyreSurfaceTemp[i] = t[i / 3];
    }

    private static void Wear(ScriptedRace race, float remaining) => Array.Fill(race.Frame.TyreWear, remaining);

    [Fact]
    public void Measured_ColdOutOfThePits_ThenInTheWindow_NumbersAreTheSurface()
    {
        var race = new ScriptedRace(channels: WithSurface);
        Surface(race, 80, 82, 78, 79);
        race.Run(2);
        Surface(race, 35, 36, 34, 35);
        race.PitStop();
        race.Run(6); // after the pit-exit call's global cooldown
        var cold = race.Single(EventKind.TyreCold);
        Assert.Equal(-1, cold.Facts.GetOrDefault(FactKey.TyreCorner));
        Assert.Equal(35, cold.Facts.GetOrDefault(FactKey.TyreTemp), 1);
        Assert.False(cold.Facts.Contains(FactKey.Confidence)); // a measurement, not an estimate
        Surface(race, 70, 72, 66, 68);
        race.Run(2);
        Assert.Equal(0, race.Count(EventKind.TyreOptimal)); // has to last, a slide spikes the tread
        race.Run(10);
        var optimal = race.Single(EventKind.TyreOptimal);
        Assert.Equal(69, optimal.Facts.GetOrDefault(FactKey.TyreTemp), 1);
        Assert.Equal(1, race.Count(EventKind.TyreCold));
    }

    [Fact]
    public void Measured_Hot_NamesTheHotTyreAndItsTemperature()
    {
        var race = new ScriptedRace(channels: WithSurface);
        Surface(race, 80, 90, 85, 95);
        race.Run(30);
        Assert.Equal(0, race.Count(EventKind.TyreHot));
        Surface(race, 80, 90, 85, 112);
        race.Run(20);
        var hot = race.Single(EventKind.TyreHot);
        Assert.Equal(3, hot.Facts.GetOrDefault(FactKey.TyreCorner));
        Assert.Equal(112, hot.Facts.GetOrDefault(FactKey.TyreTemp), 1);
    }

    [Fact]
    public void Estimate_HeavyLoad_NoHotOrWindowClaimItCannotBack()
    {
        // The live map has no surface channels: an estimate 28 °C wrong at p95 cannot say "hot" or "in the window".
        var race = new ScriptedRace { CorneringAccel = 35 };
        race.Run(300);
        Assert.Equal(0, race.Count(EventKind.TyreHot));
        Assert.Equal(0, race.Count(EventKind.TyreOptimal));
    }

    [Fact]
    public void Estimate_ColdFromRest_IsQualitative()
    {
        var race = new ScriptedRace(startProgress: 0.5) { SpeedFactor = 0 };
        race.Frame.TrackTemp = race.Frame.AirTemp = 12; // a cold morning: even estimate + its error is under the mark
        race.Run(3);
        race.SpeedFactor = 1;
        race.Run(5);
        var cold = race.Single(EventKind.TyreCold);
        Assert.False(cold.Facts.Contains(FactKey.TyreTemp)); // the fitted error is too large for a number
        Assert.True(cold.Facts.Contains(FactKey.Confidence));
    }

    [Fact]
    public void Estimate_SaysANumberOnlyWhenItsErrorIsSmallEnough_AndAsAnEstimate()
    {
        var race = new ScriptedRace(new BrainOptions { TyreEstimateNumberMaxErrorC = 30 }, startProgress: 0.5) { SpeedFactor = 0 };
        race.Frame.TrackTemp = race.Frame.AirTemp = 12;
        race.Run(3);
        race.SpeedFactor = 1;
        race.Run(5);
        var cold = race.Single(EventKind.TyreCold);
        Assert.True(cold.Facts.Contains(FactKey.TyreTemp));
        var text = new CrewChief.Callouts.CalloutComposer().Compose(cold, new CrewChief.Callouts.CalloutContext(
            CrewChief.Callouts.CarInfo.Unknown(""), CrewChief.Callouts.TrackInfo.Unknown("", false))).Text;
        Assert.Contains("estimated", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Estimate_JoinedMidStint_SaysNothingUntilTheGuessHasWashedOut()
    {
        var race = new ScriptedRace(); // first seen at speed: the tyres' past is unknown
        race.Frame.TrackTemp = race.Frame.AirTemp = 0;
        race.Run(20);
        Assert.Equal(0, race.Count(EventKind.TyreCold));
    }

    [Fact]
    public void Wear_IsTheCrewsMeasurement_NeverExtrapolated()
    {
        var race = new ScriptedRace();
        Wear(race, 0.35f); // 65 % worn when the crew measured
        race.PitStop();
        race.Run(10);
        var warn = race.Single(EventKind.TyreWearWarning);
        Assert.Equal(Priority.High, warn.Priority);
        Assert.Equal(65, warn.Facts.GetOrDefault(FactKey.TyreWear), 1);
        race.Run(900); // a long stint on them: no estimate walks the figure up to critical
        Assert.Equal(0, race.Count(EventKind.TyreWearCritical));

        var worn = new ScriptedRace();
        Wear(worn, 0.12f);
        worn.PitStop();
        worn.Run(10);
        Assert.Equal(88, worn.Single(EventKind.TyreWearCritical).Facts.GetOrDefault(FactKey.TyreWear), 1);
    }

    [Fact]
    public void NoWearMeasurement_NoWearFigureAnywhere()
    {
        var race = new ScriptedRace(channels: WithSurface);
        Wear(race, 0f); // declared but never measured
        Surface(race, 30, 30, 30, 30);
        race.PitStop();
        race.Run(300);
        Assert.Equal(0, race.Count(EventKind.TyreWearWarning));
        Assert.DoesNotContain(race.Events, e => e.Facts.Contains(FactKey.TyreWear));
    }

    [Fact]
    public void NewTyres_NoWearCalls()
    {
        var race = new ScriptedRace();
        race.Run(300);
        Assert.Equal(0, race.Count(EventKind.TyreWearWarning));
        Assert.Equal(0, race.Count(EventKind.TyreWearCritical));
    }
}
