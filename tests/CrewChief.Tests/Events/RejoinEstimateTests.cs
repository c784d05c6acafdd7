using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

/// <summary>
/// Issue 12's rejoin estimate: said with a place once the service is done (what is left of the stop is only the
/// drive out, the same for every stop), and behind a slow field the lane costs fewer places.
/// </summary>
public class RejoinEstimateTests
{
    [Fact]
    public void LeavingTheBox_SaysThePlace_FromTheCarsOnTheRoadBehind()
    {
        // A 10 s lane (5 s in and 5 s out at 40 % pace: 3 s lost each way) around a 5 s stand. While the player slows
        // and stands, the field closes 8 s: #4 (5 s back) is by before the service ends, #2 (9.5 s back) is 1.5 s
        // behind as the car drives off and goes by on the way out, #3 (13 s back) is 5 s behind and does not.
        var race = new ScriptedRace(fuel: 60);
        race.AddCar(4, lapsAhead: -5 / 60.0, lapTime: 60);
        race.AddCar(2, lapsAhead: -9.5 / 60.0, lapTime: 60);
        race.AddCar(3, lapsAhead: -13 / 60.0, lapTime: 60);
        race.Run(5);
        race.Clear();
        race.PitStop(laneSeconds: 10, stationarySeconds: 5);
        race.Run(3);
        var call = race.Single(EventKind.RejoinLeavingBox);
        Assert.Equal(3, call.Facts.GetOrDefault(FactKey.RejoinPosition));
        Assert.InRange(call.Facts.GetOrDefault(FactKey.RejoinGapBehind), 1.5, 2.5); // #3: 5 s back, less the 3 s still to lose
        var exit = race.Single(EventKind.PitExit);
        Assert.True(call.SessionTime < exit.SessionTime, "said while still in the lane");
    }

    [Fact]
    public void BehindASlowField_TheStopCostsFewerPlaces()
    {
        static (int Position, double Pace) Estimate(double fieldLapTime)
        {
            var race = new ScriptedRace(fuel: 60);
            for (int i = 1; i <= 6; i++) race.AddCar(i, lapsAhead: -3.0 * i / 60, lapTime: fieldLapTime);
            race.Run(8);
            var s = race.Brain.Strategy;
            return (s.RejoinIfStoppingNow.Position, s.Rejoin.FieldPace);
        }
        var racing = Estimate(60);
        // The field at 40 % of racing pace (a safety car): the cars behind cover their gaps 2.5 times slower.
        var slow = Estimate(150);
        Assert.Equal(1.0, racing.Pace, 2);
        Assert.InRange(slow.Pace, 0.35, 0.45);
        Assert.True(slow.Position < racing.Position, $"slow field P{slow.Position}, racing P{racing.Position}");
    }

    [Fact]
    public void BeforeTheStop_AWideRange_IsSaidWithNoPlaceNumber()
    {
        // The field's stops spread from 15 s to 60 s (a splash against a driver change): with a car every 3 s behind,
        // no single place is worth saying before the stop.
        var race = new ScriptedRace(fuel: 60);
        for (int i = 1; i <= 20; i++) race.AddCar(i, lapsAhead: -3.0 * i / 60, lapTime: 60);
        race.AddCar(30, lapsAhead: 0.5, lapTime: 60);
        race.Run(2);
        foreach (double lane in new[] { 20.0, 30, 45, 65, 20, 65 })
        {
            race.Frame.CarIdxOnPitRoad[30] = true;
            race.SetCarLapTime(30, 6000);
            race.Run(lane);
            race.Frame.CarIdxOnPitRoad[30] = false;
            race.SetCarLapTime(30, 60);
            race.Run(3);
        }
        var r = race.Brain.Strategy.RejoinIfStoppingNow;
        Assert.True(r.HasRange && r.Worst - r.Best > 4, $"range P{r.Best}–P{r.Worst}");
        race.Clear();
        race.PitStop();
        var said = race.Of(EventKind.RejoinEstimate);
        Assert.NotEmpty(said);
        Assert.All(said, e => Assert.False(e.Facts.Contains(FactKey.RejoinPosition)));
    }
}
