using System.Diagnostics;
using System.Globalization;

namespace CrewChief.Telemetry;

/// <summary>
/// Replays an .ibt file through the same decoder as the live map: record i sits at varBuf[0].bufOffset + i·bufLen
/// and the count comes from the file length. Paced at real time, at N× speed, or as fast as possible.
/// Records are read with positioned reads into one reused buffer (<see cref="IbtFile"/>), not a mapped view, so a
/// file cut short under a running replay ends it with one line instead of SIGBUS; a file replaced by rename keeps
/// playing from the open handle (the old bytes).
/// Placeholder records (car not in the world: spawn, tow, reset) read Lap 0 and a full tank. Inspection skips them;
/// the engine (replay, bench) asks for them, because the race brain must see a reset or tow to know that the jump
/// after it is no pit entry, lap or refuel, exactly as it sees them on the live map.
/// </summary>
public sealed class IbtReplaySource : ITelemetrySource
{
    /// <summary>Pass as speed to replay without pacing.</summary>
    public const double AsFastAsPossible = double.PositiveInfinity;

    private readonly IbtFile _file;
    /// <summary>The one record being decoded, reused: 0 B per tick.</summary>
    private readonly byte[] _record;
    private readonly FrameDecoder _decoder;
    private readonly bool _skipPlaceholders;
    private readonly long _stopwatchTicksPerRecord;
    /// <summary>Next record to read.</summary>
    private int _next;
    /// <summary>Stopwatch timestamp at which record <see cref="_anchorRecord"/> is due; pacing is relative to it.</summary>
    private long _anchorTimestamp;
    private int _anchorRecord;
    /// <summary>The next delivered record re-anchors pacing (first read, or after skipped placeholders).</summary>
    private bool _reanchor = true;

    public string Path { get; }
    public IrsdkLayout Layout { get; }
    public double Speed { get; }
    public bool Paced => _stopwatchTicksPerRecord > 0;
    public SessionInfo? SessionInfo { get; }
    public int SessionInfoVersion => Layout.Header.SessionInfoUpdate;
    public string Description { get; }
    public FrameDecoder Decoder => _decoder;

    /// <summary>Data records in the file.</summary>
    public int RecordCount => Layout.RecordCount;
    /// <summary>Records read so far, placeholders included.</summary>
    public int RecordsRead { get; private set; }
    /// <summary>Records delivered as frames (the car in the world).</summary>
    public int InWorldRecords { get; private set; }
    /// <summary>Placeholder records skipped so far.</summary>
    public int PlaceholderRecords { get; private set; }

    /// <param name="path">The .ibt file. Bad files throw <see cref="InputException"/> naming it.</param>
    /// <param name="speed">1 = real time, 4 = four times faster, <see cref="AsFastAsPossible"/> = no pacing.</param>
    /// <param name="skipPlaceholders">False delivers every record, placeholders included (the race brain, tests).</param>
    public IbtReplaySource(string path, double speed = 1.0, bool skipPlaceholders = true)
    {
        if (!(speed > 0)) throw new ArgumentOutOfRangeException(nameof(speed), "speed must be positive");
        Path = path;
        Speed = speed;
        _skipPlaceholders = skipPlaceholders;
        _file = IbtFile.Open(path);
        try
        {
            var data = _file.Head;
            Layout = _file.Layout;
            if (Layout.Kind != IrsdkLayoutKind.Disk)
                throw InputException.ForFile(path, "is a live memory-map dump, not an .ibt recording; use 'crewchief inspect' on it");
            SessionInfo = SessionInfoParser.Parse(IrsdkLayout.SessionInfoBytes(data, Layout.Header));
            _decoder = new FrameDecoder(Layout.Variables, Layout.Header.BufferLength, Math.Max(0, SessionInfo.PlayerCarIdx));
            _decoder.Plausibility.SourceName = path;
            _record = new byte[Layout.Header.BufferLength];
        }
        catch
        {
            _file.Dispose();
            throw;
        }
        _stopwatchTicksPerRecord = double.IsPositiveInfinity(speed)
            ? 0
            : Math.Max(1, (long)(Stopwatch.Frequency / (Layout.Header.TickRate * speed)));
        string pace = double.IsPositiveInfinity(speed) ? "as fast as possible" : speed.ToString("0.##", CultureInfo.InvariantCulture) + "×";
        Description = $"replay of {System.IO.Path.GetFileName(path)} ({RecordCount} records at {Layout.Header.TickRate} Hz, {pace})";
    }

    public TelemetryReadStatus TryRead(TelemetryFrame frame, int timeoutMs)
    {
        ArgumentNullException.ThrowIfNull(frame);
        while (true)
        {
            if (_next >= RecordCount) return TelemetryReadStatus.EndOfData;
            if (Paced && !_reanchor && !WaitUntilDue(timeoutMs)) return TelemetryReadStatus.NoNewData;

            int index = _next++;
            RecordsRead++;
            if (!_file.TryReadRecord(index, _record)) throw _file.Shrunk();
            _decoder.Decode(_record, frame);
            frame.RecordIndex = index;
            frame.TickCount = index;
            frame.SessionInfoUpdate = Layout.Header.SessionInfoUpdate;
            if (!frame.InWorld)
            {
                PlaceholderRecords++;
                // Time spent outside the world is not replayed: the next real record plays at once.
                _reanchor = true;
                if (_skipPlaceholders) continue;
                return TelemetryReadStatus.NewFrame;
            }
            if (_reanchor)
            {
                _reanchor = false;
                _anchorRecord = index;
                _anchorTimestamp = Stopwatch.GetTimestamp();
            }
            InWorldRecords++;
            return TelemetryReadStatus.NewFrame;
        }
    }

    /// <summary>Sleeps until record <see cref="_next"/> is due; false when that is further away than the timeout.</summary>
    private bool WaitUntilDue(int timeoutMs)
    {
        long due = _anchorTimestamp + (_next - _anchorRecord) * _stopwatchTicksPerRecord;
        long now = Stopwatch.GetTimestamp();
        if (now >= due) return true;
        double waitMs = (due - now) * 1000.0 / Stopwatch.Frequency;
        if (waitMs > timeoutMs)
        {
            if (timeoutMs > 0) Thread.Sleep(timeoutMs);
            return false;
        }
        Thread.Sleep((int)Math.Ceiling(waitMs));
        return true;
    }

    /// <summary>Starts again at record 0 (benchmarks, re-runs) without remapping the file.</summary>
    public void Rewind()
    {
        _next = 0;
        _reanchor = true;
        RecordsRead = InWorldRecords = PlaceholderRecords = 0;
    }

    public void Dispose() => _file.Dispose();
}
