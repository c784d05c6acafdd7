namespace CrewChief.Pipeline;

/// <summary>
/// What the live console view shows. The tick thread writes the numbers a few times a second into this one
/// preallocated object; the view thread reads them. A torn read only mis-draws one frame of a display, so no
/// lock is taken on the tick path.
/// </summary>
public sealed class DashboardState
{
    public volatile string Connection = "waiting for iRacing";
    /// <summary>Connected, but no new tick for a few seconds: the sim is paused, in a menu or hung (cleared by the next tick).</summary>
    public volatile bool SimPaused;
    public volatile string Track = "";
    public volatile string Car = "";
    public volatile string Session = "";
    public int Position;
    public int Lap;
    public float LapPct;
    public int LapsRemaining = -1;
    public float FuelLitres = float.NaN;
    public float FuelLapsLeft = float.NaN;
    public float FuelToFinish = float.NaN;
    public float FuelToAdd = float.NaN;
    public float GapAhead = float.NaN;
    public float GapBehind = float.NaN;
    public float LastLap = float.NaN;
    public float BestLap = float.NaN;
    /// <summary>Estimated tyre surface temperature °C and % worn: FL, FR, RL, RR.</summary>
    public readonly float[] TyreTemp = [float.NaN, float.NaN, float.NaN, float.NaN];
    public readonly float[] TyreWear = [float.NaN, float.NaN, float.NaN, float.NaN];
    public float TyreConfidence = float.NaN;
    public double TickMicros;

    // What the live race page adds (filled by the same 0 B copy on the tick thread; the page's own thread reads).
    /// <summary>Bumped after each fill, so a reader can tell fresh data from a repeat.</summary>
    public int Version;
    public volatile Telemetry.SessionInfo? Info;
    public double SessionTime;
    public int OverallPosition;
    public int PlayerCarIdx = -1;
    public bool OnPitRoad;
    public uint SessionFlags;
    public int Incidents;
    public float ClosingAhead = float.NaN;
    public float ClosingBehind = float.NaN;
    public int CarAheadIdx = -1;
    public int CarBehindIdx = -1;
    public float FuelPerLap = float.NaN;
    public int FuelCleanLaps;
    /// <summary>Where the fuel and pit-loss figures came from before this session measured its own ("last session").</summary>
    public volatile string PriorSource = "";
    public int StopsNeeded = -1;
    public int WindowOpenLap = -1;
    public int WindowCloseLap = -1;
    public float SavePerLap = float.NaN;
    public int PitCall;
    public float SecondsToCallPoint = float.NaN;
    public float MetresToCallPoint = float.NaN;
    public float PitLaneLoss = float.NaN;
    public float RefLapTime = float.NaN;
    public float TyreSecondsSinceMeasured = float.PositiveInfinity;
    /// <summary>Every car's lap-distance fraction, laps started and pit-road flag, for the relative (cars around on track).</summary>
    public readonly float[] CarPct = new float[Telemetry.TelemetryFrame.MaxCars];
    public readonly int[] CarLap = new int[Telemetry.TelemetryFrame.MaxCars];
    public readonly bool[] CarOnPit = new bool[Telemetry.TelemetryFrame.MaxCars];
    public readonly int[] CarClassPosition = new int[Telemetry.TelemetryFrame.MaxCars];

    private readonly string[] _callouts = new string[6];
    private int _calloutCount;
    private readonly object _calloutGate = new();

    /// <summary>Adds a line to the recent-callouts list (director thread; not the tick).</summary>
    public void AddCallout(string line)
    {
        lock (_calloutGate)
        {
            if (_calloutCount == _callouts.Length)
            {
                Array.Copy(_callouts, 1, _callouts, 0, _callouts.Length - 1);
                _calloutCount--;
            }
            _callouts[_calloutCount++] = line;
        }
    }

    public int CopyCallouts(Span<string> into)
    {
        lock (_calloutGate)
        {
            int n = Math.Min(into.Length, _calloutCount);
            for (int i = 0; i < n; i++) into[i] = _callouts[_calloutCount - n + i];
            return n;
        }
    }
}
