using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Telemetry;
using CrewChief.Tests.Callouts;

namespace CrewChief.Tests.Events;

/// <summary>
/// Issue 12's race calls on scripted frames: place counts as counted, places from the pit cycle not praised as a
/// move, rivals seen pitting, the rejoin estimate without the cars in the lane, faster-class and class-leader
/// calls, and the neutralisations (safety car, full-course yellow, red) with the green after them.
/// </summary>
public class RaceCallsTests
{
    private static readonly CalloutContext s_ctx = CalloutFixtures.Context("BMW M4 GT3", "spa up");

    private static string Say(RaceEvent e, int seed = 1) => new CalloutComposer(seed: (ulong)seed).Compose(e, s_ctx).Text;

    [Fact]
    public void SixPlacesLost_IsSpokenAsSix_NeverAsAPlace()
    {
        var race = new ScriptedRace { AutoPositions = false };
        race.Frame.PlayerCarClassPosition = race.Frame.PlayerCarPosition = 5;
        race.Run(1);
        race.Frame.PlayerCarClassPosition = 11;
        race.Run(4);
        var e = race.Single(EventKind.PositionLost);
        Assert.Equal(-6, e.Facts.GetOrDefault(FactKey.PositionsChanged));
        for (int seed = 0; seed < 12; seed++)
        {
            string text = Say(e, seed);
            Assert.DoesNotContain("a place", text);
            Assert.DoesNotContain("Lost one", text);
            Assert.True(text.Contains("6 places") || !text.Contains("place"), text);
        }
    }

    [Fact]
    public void ThreePlacesGained_OnTrack_IsCountedAndMayBePraised()
    {
        var race = new ScriptedRace { AutoPositions = false };
        race.Frame.PlayerCarClassPosition = race.Frame.PlayerCarPosition = 8;
        race.Run(1);
        race.Frame.PlayerCarClassPosition = 5;
        race.Run(4);
        var e = race.Single(EventKind.PositionGained);
        Assert.Equal(3, e.Facts.GetOrDefault(FactKey.PositionsChanged));
        Assert.False(e.Facts.Contains(FactKey.PlacesFromPits));
        for (int seed = 0; seed < 12; seed++) Assert.DoesNotContain("up a place", Say(e, seed));
    }

    [Fact]
    public void PlacesGainedWhileRivalsPit_AreNotPraisedAsAMove()
    {
        // Two cars just ahead in class; both turn into the pits and the player goes by while they stand.
        var race = new ScriptedRace().AddCar(1, 0.02, 60).AddCar(2, 0.04, 60);
        race.Run(3);
        Assert.Equal(3, race.Frame.PlayerCarClassPosition);
        race.Frame.CarIdxOnPitRoad[1] = race.Frame.CarIdxOnPitRoad[2] = true;
        race.SetCarLapTime(1, 600);
        race.SetCarLapTime(2, 600);
        race.Run(12);
        Assert.Equal(1, race.Frame.PlayerCarClassPosition);
        race.Run(4);
        var e = race.Single(EventKind.PositionGained);
        Assert.Equal(2, e.Facts.GetOrDefault(FactKey.PositionsChanged));
        Assert.Equal(2, e.Facts.GetOrDefault(FactKey.PlacesFromPits));
        for (int seed = 0; seed < 12; seed++)
        {
            string text = Say(e, seed);
            Assert.DoesNotContain("move", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("good job", text, StringComparison.OrdinalIgnoreCase);
        }
        // Seen going in, said as a fact: both were the car directly ahead at the moment they turned in.
        Assert.InRange(race.Count(EventKind.RivalPitted), 1, 2);
        Assert.All(race.Of(EventKind.RivalPitted), r => Assert.True(r.Facts.Contains(FactKey.CarNumber)));
    }

    [Fact]
    public void RivalPitted_OnlyForTheCarsNextToThePlayer()
    {
        var race = new ScriptedRace().AddCar(1, 0.02, 60).AddCar(2, 0.3, 60).AddCar(3, -0.02, 60);
        race.Run(3);
        race.Frame.CarIdxOnPitRoad[2] = true; // two places up the road: not the car next to us
        race.Run(1);
        Assert.Equal(0, race.Count(EventKind.RivalPitted));
        race.Frame.CarIdxOnPitRoad[3] = true;
        race.Run(1);
        var e = race.Single(EventKind.RivalPitted);
        Assert.Equal(13, e.Facts.GetOrDefault(FactKey.CarNumber));
        Assert.False(e.Facts.Contains(FactKey.GapBehind)); // a car slowing for the lane has no racing gap
    }

    [Fact]
    public void RejoinEstimate_LeavesOutTheCarsInThePitLane()
    {
        // Eight cars within 20 s behind, six of them in their own stop: only the two racing ones pass us in the lane.
        var race = new ScriptedRace(lapTime: 100);
        for (int i = 1; i <= 8; i++) race.AddCar(i, -0.02 * i, 100);
        race.Run(2);
        // One rival's measured stop (30 s on pit road over 5 % of the lap: 25 s lost) makes the loss a measurement.
        race.AddCar(20, 0.5, 100);
        race.Run(1);
        race.Frame.CarIdxOnPitRoad[20] = true;
        race.SetCarLapTime(20, 600);
        race.Run(30);
        race.Frame.CarIdxOnPitRoad[20] = false;
        race.SetCarLapTime(20, 100);
        for (int i = 3; i <= 8; i++) race.Frame.CarIdxOnPitRoad[i] = true;
        race.Run(2);
        var rejoin = race.Brain.Strategy.RejoinIfStoppingNow;
        Assert.True(rejoin.IsKnown);
        double loss = rejoin.PitLaneLoss;
        Assert.InRange(loss, 20, 30);
        int expected = race.Frame.PlayerCarClassPosition + 2; // cars 1 and 2, 2 s and 4 s back, go by; 3-8 are in the lane
        Assert.Equal(expected, rejoin.Position);
    }

    [Fact]
    public void PitLaneLoss_IsMeasuredOnTheOtherCarsStops()
    {
        var race = new ScriptedRace(lapTime: 100).AddCar(1, 0.5, 100);
        race.Run(2);
        Assert.False(race.Brain.Strategy.Rejoin.IsMeasured);
        // The rival spends 40 s on pit road covering 5 % of the lap (5 s at racing pace): a 35 s loss.
        race.Frame.CarIdxOnPitRoad[1] = true;
        race.SetCarLapTime(1, 800);
        race.Run(40);
        race.Frame.CarIdxOnPitRoad[1] = false;
        race.SetCarLapTime(1, 100);
        race.Run(1);
        Assert.True(race.Brain.Strategy.Rejoin.IsMeasured);
        Assert.InRange(race.Brain.Strategy.Rejoin.PitLaneLoss(3), 33, 37);
    }

    [Fact]
    public void FasterClassCarClosingFromBehind_IsCalledOnce_AndNotAsLapping()
    {
        var race = new ScriptedRace(lapTime: 100);
        race.AddCar(1, -0.05, 88, carClass: 2, number: "6");
        race.Run(30);
        var e = race.Single(EventKind.FasterClassApproaching);
        Assert.Equal(6, e.Facts.GetOrDefault(FactKey.CarNumber));
        Assert.InRange(e.Facts.GetOrDefault(FactKey.GapBehind), 0, 3.05);
        Assert.Equal(0, race.Count(EventKind.BlueFlagCarBehind));
        Assert.Contains("behind", Say(e));
    }

    [Fact]
    public void APackOfFasterClassCars_IsOneCall_TheNextPackAnother()
    {
        // Four prototypes 2 s apart come through as one pack; a fifth arrives minutes later on its own.
        var race = new ScriptedRace(lapTime: 100);
        for (int i = 0; i < 4; i++) race.AddCar(1 + i, -0.05 - 0.02 * i, 88, carClass: 2, number: (10 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        race.AddCar(5, -0.45, 88, carClass: 2, number: "20");
        race.Run(150);
        var first = race.Single(EventKind.FasterClassApproaching);
        Assert.Equal(10, first.Facts.GetOrDefault(FactKey.CarNumber));
        Assert.InRange(first.Facts.GetOrDefault(FactKey.GapBehind), 2, 3.05);
        race.Run(300);
        Assert.Equal(2, race.Count(EventKind.FasterClassApproaching));
    }

    [Fact]
    public void RivalBehindAboutToPit_IsNotCalledTheCarAhead()
    {
        var e = CalloutFixtures.Event(EventKind.RivalAboutToPit, Priority.Medium,
            (FactKey.CarNumber, 7), (FactKey.RivalPitProbability, 0.9), (FactKey.GapBehind, 1.4), (FactKey.PitLaneLoss, 30));
        for (int seed = 1; seed <= 20; seed++)
        {
            string said = Say(e, seed);
            Assert.DoesNotContain("ahead", said, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("behind", said, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void FuelStatusShortOfTheFlag_NeverSaysFine()
    {
        // 21 laps of fuel, a stop to come and no tank size (so no stop count): the status must not call it good.
        var e = CalloutFixtures.Event(EventKind.FuelToFinish, Priority.Low,
            (FactKey.FuelLevel, 65), (FactKey.FuelPerLap, 3.1), (FactKey.FuelLapsLeft, 21), (FactKey.FuelToFinish, 990), (FactKey.FuelToAdd, 925));
        for (int seed = 1; seed <= 20; seed++)
        {
            string said = Say(e, seed);
            Assert.DoesNotContain("good", said, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("fine", said, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void ClassLeaderLappingThePlayer_SaysSo()
    {
        var race = new ScriptedRace(lapTime: 100).AddCar(1, 0.98, 90, number: "51");
        race.Run(5);
        var e = race.Single(EventKind.BlueFlagCarBehind);
        Assert.Equal(1, e.Facts.GetOrDefault(FactKey.RivalPosition));
        Assert.Contains("class leader", Say(e), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void SafetyCar_IsCalledWithWhatToDo_NoBattleCallsUnderIt_ThenTheGreen()
    {
        var race = new ScriptedRace().AddCar(1, 0.01, 60);
        race.Run(3);
        race.Clear();
        race.Frame.SessionFlags = SessionFlags.Caution | SessionFlags.CautionWaving;
        race.Run(20);
        var sc = race.Single(EventKind.SafetyCar);
        Assert.Equal(Priority.Critical, sc.Priority);
        Assert.Equal(0, race.Count(EventKind.YellowFlag));
        Assert.Equal(0, race.Count(EventKind.Attack) + race.Count(EventKind.GapClosing));
        Assert.Contains("overtaking", Say(sc), StringComparison.OrdinalIgnoreCase);
        race.Frame.SessionFlags = SessionFlags.Green;
        race.Run(2);
        Assert.Equal(1, race.Count(EventKind.GreenFlag));
    }

    [Fact]
    public void CautionWithThePaceCarParked_IsAFullCourseYellow()
    {
        var race = new ScriptedRace();
        race.Info!.Drivers.Add(new DriverEntry { CarIdx = 40, CarNumber = "0", IsPaceCar = true });
        race.Info.Drivers.Add(new DriverEntry { CarIdx = 41, CarNumber = "1", CarClassId = 1 }); // a new list: the strategy re-reads it
        race.Run(2);
        race.Frame.SessionFlags = SessionFlags.Caution;
        race.Run(2);
        Assert.Equal(0, race.Count(EventKind.FullCourseYellow)); // waits for the pace car to come out
        race.Run(5);
        var fcy = race.Single(EventKind.FullCourseYellow);
        Assert.Equal(0, race.Count(EventKind.SafetyCar));
        Assert.Contains("full course yellow", Say(fcy), StringComparison.OrdinalIgnoreCase);
        race.Frame.SessionFlags = SessionFlags.Green;
        race.Run(2);
        Assert.Equal(1, race.Count(EventKind.GreenFlag));
    }

    [Fact]
    public void RedFlag_IsCalled_ThenTheGreen()
    {
        var race = new ScriptedRace();
        race.Run(2);
        race.Frame.SessionFlags = SessionFlags.Red;
        race.Run(5);
        var red = race.Single(EventKind.RedFlag);
        Assert.Contains("pit lane", Say(red));
        race.Frame.SessionFlags = SessionFlags.Green;
        race.Run(2);
        Assert.Equal(1, race.Count(EventKind.GreenFlag));
    }
}
