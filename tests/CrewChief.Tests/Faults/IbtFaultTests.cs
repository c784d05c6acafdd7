using System.Text;
using System.Text.Json;
using CrewChief.Telemetry;
using CrewChief.Telemetry.Plausibility;

namespace CrewChief.Tests.Faults;

/// <summary>
/// Mutants of real recordings and live-map dumps (truncations, every header field at its extremes, byte flips in
/// each section, non-finite and absurd values in the data) through <c>replay --fast --summary --json</c> and
/// <c>inspect --json</c>, in-process. Each must end in a result or one line, and a result must be valid JSON
/// with no value outside a physical range.
/// </summary>
public class IbtFaultTests
{
    private static readonly string[] s_ibts = ["audi-r8-gt3_indianapolis-road.ibt", "skmodified_newsmyrna_2.ibt", "skmodified_langley_2015-05-28_14-45-12.ibt"];

    public static TheoryData<string> Files => new(s_ibts);

    [Theory]
    [MemberData(nameof(Files))]
    public void Truncations_EndInAResultOrOneLine(string name)
    {
        byte[] real = File.ReadAllBytes(SharedData.RequireTelemetry(Path.Combine("ibt", name)));
        var layout = IrsdkLayout.Describe(real, name);
        var h = layout.Header;
        int[] cuts = [0, 1, 47, 111, 112, 143, h.VarHeaderOffset + 100, h.SessionInfoOffset + h.SessionInfoLength / 2,
            h.BufferOffset(0) + h.BufferLength / 2, h.BufferOffset(0) + h.BufferLength, real.Length / 2, real.Length - 1];
        foreach (int cut in cuts.Where(c => c >= 0 && c < real.Length).Distinct())
            Run($"{name} cut at {cut}", real.AsSpan(0, cut).ToArray(), expectRefusal: cut < h.BufferOffset(0) + h.BufferLength);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void HeaderFieldsAtExtremes_EndInAResultOrOneLine(string name)
    {
        byte[] real = File.ReadAllBytes(SharedData.RequireTelemetry(Path.Combine("ibt", name)));
        int[] values = [0, -1, 1, int.MinValue, int.MaxValue, real.Length, real.Length + 1];
        // irsdk_header: ten int32 fields, then varBuf[0] {tickCount, bufOffset}; the disk sub-header's counts.
        int[] fields = [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 48, 52, 136, 140];
        foreach (int field in fields)
        {
            foreach (int v in values)
            {
                byte[] m = (byte[])real.Clone();
                FaultKit.PutInt(m, field, v);
                Run($"{name} header@{field}={v}", m, expectRefusal: false);
            }
        }
        foreach (double t in (double[])[double.NaN, double.PositiveInfinity, -1e308])
        {
            byte[] m = (byte[])real.Clone();
            FaultKit.PutDouble(m, 120, t);  // sessionStartTime
            FaultKit.PutDouble(m, 128, t);  // sessionEndTime
            Run($"{name} sub-header times={t}", m, expectRefusal: false);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ByteFlipsInEverySection_EndInAResultOrOneLine(string name)
    {
        byte[] real = File.ReadAllBytes(SharedData.RequireTelemetry(Path.Combine("ibt", name)));
        var h = IrsdkLayout.Describe(real, name).Header;
        var rng = new Random(FaultKit.Seed);
        (string Section, int Start, int Length)[] sections =
        [
            ("header", 0, IrsdkHeader.Size), ("disk sub-header", IrsdkHeader.Size, DiskSubHeader.Size),
            ("var headers", h.VarHeaderOffset, h.VarCount * VarHeader.Size), ("session YAML", h.SessionInfoOffset, h.SessionInfoLength),
            ("records", h.BufferOffset(0), real.Length - h.BufferOffset(0)),
        ];
        foreach (var (section, start, length) in sections)
        {
            for (int i = 0; i < 6; i++)
            {
                byte[] m = (byte[])real.Clone();
                int flips = 1 + rng.Next(16);
                for (int f = 0; f < flips; f++) m[start + rng.Next(length)] ^= (byte)(1 << rng.Next(8));
                Run($"{name} {flips} flips in {section} (seed {FaultKit.Seed}, #{i})", m, expectRefusal: false);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void NonFiniteAndAbsurdValues_AreNeverReported(string name)
    {
        byte[] real = File.ReadAllBytes(SharedData.RequireTelemetry(Path.Combine("ibt", name)));
        (string Var, bool IsDouble)[] floats = [("SessionTime", true), ("FuelLevel", false), ("Speed", false), ("LapDistPct", false), ("LFtempCM", false), ("LapLastLapTime", false)];
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1.4e37, -3e38];
        foreach (var (v, isDouble) in floats)
        {
            int at = FaultKit.VarOffset(real, v);
            if (at < 0) continue;
            foreach (double value in values)
            {
                byte[] m = (byte[])real.Clone();
                int n = 0;
                foreach (int rec in FaultKit.Records(real))
                {
                    // Every third record: the good ones in between must still give a plausible summary.
                    if (n++ % 3 != 0) continue;
                    if (isDouble) FaultKit.PutDouble(m, rec + at, value); else FaultKit.PutFloat(m, rec + at, (float)value);
                }
                Run($"{name} {v}={value} in every third record", m, expectRefusal: false);
            }
        }
        foreach (string v in (string[])["Lap", "LapCompleted", "SessionFlags", "PlayerCarMyIncidentCount"])
        {
            int at = FaultKit.VarOffset(real, v);
            if (at < 0) continue;
            foreach (int value in (int[])[int.MaxValue, int.MinValue, -7])
            {
                byte[] m = (byte[])real.Clone();
                foreach (int rec in FaultKit.Records(real)) FaultKit.PutInt(m, rec + at, value);
                Run($"{name} {v}={value}", m, expectRefusal: false);
            }
        }
    }

    [Fact]
    public void MangledSessionYaml_EndsInAResultOrOneLine()
    {
        byte[] real = File.ReadAllBytes(SharedData.RequireTelemetry("ibt/audi-r8-gt3_indianapolis-road.ibt"));
        var h = IrsdkLayout.Describe(real, "audi").Header;
        string yaml = Encoding.Latin1.GetString(real, h.SessionInfoOffset, h.SessionInfoLength);
        string[] mangled =
        [
            yaml.Replace("TrackLength: ", "TrackLength: 1e999 "), yaml.Replace("DriverCarIdx: ", "DriverCarIdx: 99999999999999999999"),
            yaml.Replace("FuelLevel", "FuelLevel: \"unclosed"), yaml.Replace(":", ""), yaml.Replace("\n", "\r"), new string('-', yaml.Length),
            yaml.Replace(" ", "\t"), yaml[..(yaml.Length / 3)] + new string('\0', yaml.Length - yaml.Length / 3),
        ];
        int i = 0;
        foreach (string text in mangled)
        {
            byte[] m = (byte[])real.Clone();
            byte[] bytes = Encoding.Latin1.GetBytes(text);
            Array.Clear(m, h.SessionInfoOffset, h.SessionInfoLength);
            bytes.AsSpan(0, Math.Min(bytes.Length, h.SessionInfoLength)).CopyTo(m.AsSpan(h.SessionInfoOffset));
            Run($"mangled YAML #{i++}", m, expectRefusal: false);
        }
    }

    [Fact]
    public void LiveDumpMutants_InspectEndsInAResultOrOneLine()
    {
        byte[] real = File.ReadAllBytes(SharedData.RequireTelemetry("live/skipbarber_watkinsglen_2017.bin"));
        var rng = new Random(FaultKit.Seed);
        string dir = FaultKit.TempDir("live");
        try
        {
            for (int i = 0; i < 24; i++)
            {
                byte[] m = i < 8 ? real.AsSpan(0, rng.Next(real.Length)).ToArray() : (byte[])real.Clone();
                if (i >= 8 && i < 16) FaultKit.PutInt(m, 4 * rng.Next(10), i % 2 == 0 ? int.MaxValue : -1 - rng.Next(1000));
                if (i >= 16) for (int f = 0; f < 64; f++) m[rng.Next(Math.Min(m.Length, 40_000))] ^= (byte)rng.Next(1, 256);
                string path = Path.Combine(dir, $"live-{i}.bin");
                File.WriteAllBytes(path, m);
                var sw = new StringWriter();
                FaultKit.Contract($"inspect live mutant #{i}", () => FaultKit.Inspect(path, sw));
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void Run(string label, byte[] content, bool expectRefusal)
    {
        string dir = FaultKit.TempDir("ibt");
        string path = Path.Combine(dir, "mutant.ibt");
        try
        {
            File.WriteAllBytes(path, content);
            var output = new StringWriter();
            string? refused = FaultKit.Contract("replay " + label, () => FaultKit.Replay(path, output));
            if (expectRefusal) Assert.True(refused is not null, $"replay {label}: expected a one-line refusal");
            if (refused is null) CheckSummary(label, output.ToString());
            FaultKit.Contract("inspect " + label, () => FaultKit.Inspect(path, new StringWriter()));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>The summary is valid JSON and holds no value that corrupt data could have produced.</summary>
    private static void CheckSummary(string label, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.InRange(root.GetProperty("laps_completed").GetInt32(), 0, ChannelLimits.MaxLap);
        foreach (string key in (string[])["fuel_first", "fuel_last"])
        {
            var v = root.GetProperty(key);
            if (v.ValueKind == JsonValueKind.Number) Assert.InRange(v.GetDouble(), -1, ChannelLimits.MaxFuelLitres);
        }
        var speed = root.GetProperty("max_speed_kph");
        if (speed.ValueKind == JsonValueKind.Number) Assert.InRange(speed.GetDouble(), -1, ChannelLimits.MaxSpeed * 3.6);
        int yellows = 0;
        foreach (var e in root.GetProperty("events").EnumerateArray())
        {
            if (e.GetProperty("kind").GetString() == "YellowFlag") yellows++;
            foreach (var fact in e.GetProperty("facts").EnumerateObject())
                if (fact.Value.ValueKind == JsonValueKind.Number) Assert.True(Math.Abs(fact.Value.GetDouble()) < 1e7, $"{label}: fact {fact.Name} = {fact.Value}");
        }
        Assert.True(yellows <= 3, $"{label}: {yellows} yellow flags");
    }
}
