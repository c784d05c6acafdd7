using System.Globalization;

namespace CrewChief.Tests.Truth.Races;

/// <summary>
/// What a neutralisation (safety car, full-course yellow, red flag — by the flags at the line in the timing file)
/// must never bring, from the timing alone: a fight (attack, defend, closing, gap, air), traffic to pass (lapped
/// car, blue flag, faster class), a gain praised as a move, "lights out" behind the safety car; lap times, bests
/// and pace trends from laps run behind it or through a stoppage; under a red flag, pit and rejoin talk while the
/// field stands; a fuel figure that swallowed the stoppage.
/// </summary>
internal sealed class NeutralisationJudge(RaceTruth truth)
{
    private static readonly HashSet<string> s_noFight =
    [
        "Attack", "Defend", "GapClosing", "GapClear", "DirtyAir", "CleanAir",
        "LappedTraffic", "BlueFlagCarBehind", "FasterClassApproaching", "BlueFlag",
    ];
    private static readonly HashSet<string> s_noneWhileStopped =
        ["RejoinEstimate", "RejoinLeavingBox", "BoxThisLap", "RivalAboutToPit", "PitWindowOpen", "FuelSaveTarget", "LapTime", "PersonalBest", "PaceDropping", "PaceImproving"];
    private static readonly HashSet<string> s_lapTimes = ["LapTime", "PersonalBest", "PaceDropping", "PaceImproving"];

    public List<string> Judge(ReplayedRace run)
    {
        var faults = new List<string>();
        var me = truth.Car(run.Car);
        void Fault(ReplayedEvent e, string why) =>
            faults.Add(string.Create(CultureInfo.InvariantCulture, $"#{run.Car} t={e.T,8:0.0} {e.Kind,-22} {why} [{string.Join(", ", e.Facts.Select(f => $"{f.Key}={f.Value:0.###}"))}]"));

        var perLap = new List<double>();
        foreach (var e in run.Events)
        {
            string flag = truth.FlagAt(e.T);
            bool neutral = flag is "SF" or "FCY" or "RF";
            if (neutral && s_noFight.Contains(e.Kind)) Fault(e, $"under {flag}");
            if (neutral && e.Kind is "PositionGained" or "PositionLost" && !e.Has("neutralised")) Fault(e, $"a change under {flag} told as raced");
            if (flag == "RF" && s_noneWhileStopped.Contains(e.Kind) && !(e.Kind == "RejoinLeavingBox" && !e.Has("rejoinPosition")))
                Fault(e, "while the red flag stops the field");
            if (e.Kind == "RaceStart" && flag == "SF") Fault(e, "a start call behind the safety car");
            if (s_lapTimes.Contains(e.Kind))
            {
                int lap = e.Has("lap") && e.Kind is "LapTime" or "PersonalBest" ? (int)e.Fact("lap") : me.CompletedAt(e.T);
                if (lap >= 1 && lap <= me.Laps.Count && !Green(me, lap))
                    Fault(e, $"about lap {lap}, run under {me.Laps[lap - 1].Flag} after {(lap > 1 ? me.Laps[lap - 2].Flag : "the start")}");
            }
            if (e.Kind == "FuelToFinish" && e.Has("fuelPerLap")) perLap.Add(e.Fact("fuelPerLap"));
        }
        if (perLap.Count >= 3)
        {
            double median = perLap.OrderBy(x => x).ElementAt(perLap.Count / 2);
            foreach (var e in run.Events.Where(e => e.Kind == "FuelToFinish" && e.Has("fuelPerLap")))
                if (e.Fact("fuelPerLap") > 1.5 * median || e.Fact("fuelPerLap") < 0.6 * median)
                    Fault(e, string.Create(CultureInfo.InvariantCulture, $"fuel per lap {e.Fact("fuelPerLap"):0.00} against a race median of {median:0.00}"));
        }
        return faults;
    }

    /// <summary>The lap was raced: green at its own line and at the line it started from.</summary>
    private static bool Green(TruthCar car, int lap) =>
        car.Laps[lap - 1].Flag is "GF" or "FF" && (lap == 1 || car.Laps[lap - 2].Flag is "GF");
}
