using CrewChief.Events;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Events;

public class RaceBrainAllocationTests
{
    [Fact]
    public void Tick_AfterWarmUp_AllocatesNothing_WhileRaisingEvents()
    {
        var race = new ScriptedRace(new BrainOptions { PitEntryPct = 0.95, GlobalCooldownSeconds = 0.5 }, totalLaps: 50, fuel: 20) { CollectEvents = false };
        for (int i = 1; i <= 20; i++) race.AddCar(i, lapsAhead: (i - 10) * 0.013, lapTime: 59 + (i % 5) * 0.5, carClass: 1 + i % 2);
        int raised = 0;
        void Drive(int ticks)
        {
            for (int t = 0; t < ticks; t++)
            {
                // Something to say on most ticks: the spotter toggles, flags come and go, positions shuffle.
                race.Frame.CarLeftRight = (t / 45 % 4) switch { 0 => CarLeftRight.CarLeft, 1 => CarLeftRight.Clear, 2 => CarLeftRight.CarLeftRight, _ => CarLeftRight.Clear };
                race.Frame.SessionFlags = t / 700 % 2 == 0 ? SessionFlags.Green : SessionFlags.Yellow;
                race.Frame.PlayerCarMyIncidentCount = t / 1500;
                raised += race.Tick().Length;
            }
        }
        Drive(3 * 3600); // warm-up: three laps, every code path JIT-compiled and tiered
        raised = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Drive(2 * 3600);
        Array.Fill(race.Frame.TyreTemp, 50f); // the crew measures at the stop: the tyre model snaps to it
        race.PitStop(refuelTo: 40);
        Drive(3 * 3600);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(raised > 50, $"only {raised} events raised: the measurement would not cover the raise path");
        Assert.Equal(0, allocated);
    }
}
