using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Events;

/// <summary>What every detector reads on one tick: the frame, the session info (may be null or partial), the strategy state.</summary>
internal readonly struct TickContext(TelemetryFrame frame, SessionInfo? info, RaceStrategy strategy, BrainOptions options)
{
    public TelemetryFrame Frame { get; } = frame;
    public SessionInfo? Info { get; } = info;
    public RaceStrategy Strategy { get; } = strategy;
    public BrainOptions Options { get; } = options;

    public double Time => Frame.SessionTime;
    public bool InWorld => Strategy.Laps.InWorld;
    public bool Has(TelemetryChannels channels) => (Frame.Available & channels) == channels;

    /// <summary>Green-flag racing (or the run to the flag) in a race session.</summary>
    public bool IsRacing => Strategy.Race.IsRace && Frame.SessionState is SessionState.Racing or SessionState.Checkered;

    /// <summary>The player's position in class when the source has it, else overall, else counted on the road.</summary>
    public int Position
    {
        get
        {
            if (Has(TelemetryChannels.Position))
            {
                if (Frame.PlayerCarClassPosition > 0) return Frame.PlayerCarClassPosition;
                if (Frame.PlayerCarPosition > 0) return Frame.PlayerCarPosition;
            }
            return Strategy.Gaps.Available ? Strategy.Gaps.ClassPosition : 0;
        }
    }

    /// <summary>Adds where the player runs and the gaps to the cars near enough to race (catching or holding off), as measured now.</summary>
    public void AddRunningOrder(ref FactSet facts)
    {
        const double GapWorthSaying = 3.0;
        // Nose to tail (or a gap read across the line) is the battle calls' business, not a running-order word.
        const double MinGap = 0.1;
        int pos = Position;
        if (pos > 0) facts.Set(FactKey.Position, pos);
        var gaps = Strategy.Gaps;
        if (!gaps.Available) return;
        if (gaps.GapBehind is > MinGap and <= GapWorthSaying) facts.Set(FactKey.GapBehind, Math.Round(gaps.GapBehind, 1));
        if (gaps.GapAhead is > MinGap and <= GapWorthSaying) facts.Set(FactKey.GapAhead, Math.Round(gaps.GapAhead, 1));
    }

    /// <summary>Adds the car's index and, when the session info knows it, its painted number (never a made-up name).</summary>
    public void AddCar(ref FactSet facts, int carIdx)
    {
        if (carIdx < 0) return;
        facts.Set(FactKey.CarIdx, carIdx);
        if (Info is null) return;
        foreach (var d in Info.Drivers)
        {
            if (d.CarIdx != carIdx) continue;
            // Invariant: a car number is no locale's number, and the current culture's first use would allocate on the tick.
            if (int.TryParse(d.CarNumber, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int number))
                facts.Set(FactKey.CarNumber, number);
            return;
        }
    }
}

/// <summary>One family of events. Detectors keep their own edge and pending state; the emitter enforces cooldowns.</summary>
internal interface IEventDetector
{
    void Reset();
    void Detect(in TickContext ctx, EventEmitter emit);
}
