namespace CrewChief.Tests.Truth.Races;

/// <summary>The harness's own reader of the timing files, checked against what the files publish themselves.</summary>
public class RaceTruthTests
{
    [Fact]
    public void Spa_FinishingOrder_MatchesThePublishedResult()
    {
        var truth = RaceFiles.Truth(RaceFiles.Spa);
        var order = truth.OrderAt(truth.End + 1);
        Assert.Equal(["51", "50", "36"], order.Take(3).Select(s => s.Car.Number));
        Assert.False(truth.MultiClass && truth.Classes.Count < 2);
    }

    [Fact]
    public void LeMans_HasThreeClasses_AndAClassLeaderPerClass()
    {
        var truth = RaceFiles.Truth(RaceFiles.LeMans);
        Assert.Equal(3, truth.Classes.Count);
        Assert.True(truth.MultiClass);
        foreach (string cls in truth.Classes)
        {
            var leader = truth.OrderAt(truth.End + 1).First(s => s.Car.Class == cls).Car;
            Assert.Equal(1, truth.ClassPositionAt(leader.Number, truth.End + 1));
        }
    }

    [Fact]
    public void Nurburgring_InterpolatedOrderAtEachLine_IsTheOrderTheSimPublished()
    {
        var truth = RaceFiles.Truth(RaceFiles.Nurburgring);
        int checkedLaps = 0, agree = 0;
        foreach (var car in truth.Cars)
            foreach (var lap in car.Laps)
            {
                if (lap.PublishedPosition <= 0) continue;
                checkedLaps++;
                if (truth.PositionAt(car.Number, lap.End + 0.0001) == lap.PublishedPosition) agree++;
            }
        Assert.True(checkedLaps > 200);
        // The published lap position is the order at that car's line crossing; it counts cars that have left the
        // session by their laps, as this reader does. Allow a handful for cars crossing in the same 1/10,000 s.
        Assert.True(agree >= checkedLaps - 2, $"{agree}/{checkedLaps} line crossings agree with the sim's lap_position");
    }

    [Fact]
    public void Fuji_HasManyFullCourseYellows_AndEveryBIsAPitVisit()
    {
        var truth = RaceFiles.Truth(RaceFiles.Fuji);
        Assert.True(truth.Cautions.Count(c => c.Flag == "FCY") >= 3, string.Join(", ", truth.Cautions));
        int bLaps = truth.Cars.Sum(c => c.Laps.Count(l => l.EndsInPit));
        Assert.Equal(bLaps, truth.PitVisits.Count);
        Assert.True(truth.PitVisits.Count(v => v.Measured) >= bLaps * 0.9);
        foreach (var v in truth.PitVisits.Where(v => v.Measured)) Assert.InRange(v.Out - v.In, 5, 3600);
    }

    [Fact]
    public void Progress_NeverGoesBackwards_AndInterpolatesBetweenCrossings()
    {
        var truth = RaceFiles.Truth(RaceFiles.Spa);
        foreach (var car in truth.Cars.Take(8))
        {
            double last = 0;
            for (double t = 0; t < truth.End; t += 7.3)
            {
                double p = truth.Progress(car, t);
                Assert.True(p >= last - 1e-9, $"#{car.Number} went back at {t}: {last} → {p}");
                last = p;
            }
            var lap = car.Laps[10];
            double mid = truth.Progress(car, (lap.Start + lap.End) / 2);
            Assert.InRange(mid, 10.2, 10.8);
        }
    }

    [Fact]
    public void Clock_ReadsEveryFormTheFilesUse()
    {
        Assert.Equal(3 * 60 + 53.276, TimingFileReader.Clock("3:53.276"), 6);
        Assert.Equal(3600 + 3 * 60 + 20.336, TimingFileReader.Clock("1:03:20.336"), 6);
        Assert.Equal(87.261, TimingFileReader.Clock("0:01:27.261"), 6);
        Assert.Equal(34.484, TimingFileReader.Clock("34.484"), 6);
    }

    [Fact]
    public void InLap_OnTheRoadAtItsUsualPace_ThenInTheLaneByTheLine()
    {
        // The raw file: a lap marked B ends in the pit lane and its last sector is longer than the car's usual one
        // by the drive down the lane. The harness keeps the car at its usual pace on the road through that sector.
        var truth = RaceFiles.Truth(RaceFiles.Spa);
        Assert.NotNull(truth.SectorEnds);
        var ends = truth.SectorEnds!;
        int checkedLaps = 0;
        foreach (var car in truth.Cars.Take(10))
        {
            var clean = car.Laps.Where(l => l.HasSectors && l.Flag == "GF" && !l.EndsInPit && l.PitTime <= 0).Select(l => l.S3).Order().ToArray();
            if (clean.Length == 0) continue;
            double usual = clean[clean.Length / 2];
            for (int k = 0; k < car.Laps.Count; k++)
            {
                var lap = car.Laps[k];
                if (!lap.EndsInPit || !lap.HasSectors || lap.S3 <= usual + 5 || lap.Flag != "GF") continue;
                double s3Start = lap.Start + lap.S1 + lap.S2;
                Assert.Equal(k + ends[1] + 0.5 * (1 - ends[1]), truth.Progress(car, s3Start + 0.5 * usual), 3);
                Assert.True(truth.Progress(car, lap.End - 1) >= k + 0.999, "in the lane by the line");
                checkedLaps++;
            }
        }
        Assert.True(checkedLaps > 3, $"only {checkedLaps} in-laps checked");
    }
}
