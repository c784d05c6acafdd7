using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace CrewChief.Tests.Truth;

/// <summary>
/// The truth harness's own reader of iRacing telemetry, written from the format facts (irsdk_defines.h, the shared
/// README) and sharing no code with the engine: an .ibt file is every record from the disk sub-header on, a live
/// map dump is its newest var buffer. Channels are read by name as doubles; a missing channel reads as absent.
/// </summary>
internal sealed class RawTelemetry
{
    private readonly byte[] _data;
    private readonly Dictionary<string, (int Type, int Offset, int Count)> _vars = new(StringComparer.Ordinal);
    private readonly int _firstRecord;
    private readonly int _recordLength;

    public string Path { get; }
    public string Yaml { get; }
    public int Records { get; }
    public bool IsLive { get; }

    private RawTelemetry(string path)
    {
        Path = path;
        _data = File.ReadAllBytes(path);
        byte[] data = _data;
        ReadOnlySpan<byte> d = data;
        int I(int at) => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at, 4));
        int infoLen = I(16), infoOffset = I(20), numVars = I(24), varHeaderOffset = I(28), numBuf = I(32), bufLen = I(36);
        for (int i = 0; i < numVars; i++)
        {
            int o = varHeaderOffset + 144 * i;
            string name = Encoding.ASCII.GetString(d.Slice(o + 16, 32)).TrimEnd('\0');
            int nul = name.IndexOf('\0');
            if (nul >= 0) name = name[..nul];
            _vars[name] = (I(o), I(o + 4), I(o + 8));
        }
        var yaml = d.Slice(infoOffset, Math.Min(infoLen, d.Length - infoOffset));
        int end = yaml.IndexOf((byte)0);
        Yaml = Encoding.Latin1.GetString(end >= 0 ? yaml[..end] : yaml);
        _recordLength = bufLen;
        // A disk file starts its session info after the 32-byte disk sub-header at 112; a live map right at 112.
        IsLive = infoOffset == 112 || numBuf > 1;
        if (IsLive)
        {
            int best = 0;
            for (int b = 1; b < numBuf; b++) if (I(48 + 16 * b) > I(48 + 16 * best)) best = b;
            _firstRecord = I(48 + 16 * best + 4);
            Records = 1;
        }
        else
        {
            _firstRecord = I(48 + 4);
            Records = (d.Length - _firstRecord) / bufLen;
        }
    }

    public static RawTelemetry Open(string path) => new(path);

    public bool Has(string name) => _vars.ContainsKey(name);

    /// <summary>The channel's value at record <paramref name="record"/> (element <paramref name="index"/>), or NaN when absent.</summary>
    public double Get(string name, int record, int index = 0)
    {
        if (!_vars.TryGetValue(name, out var v) || index >= v.Count) return double.NaN;
        int size = v.Type switch { 0 or 1 => 1, 5 => 8, _ => 4 };
        var at = _data.AsSpan(_firstRecord + record * _recordLength + v.Offset + index * size);
        return v.Type switch
        {
            0 or 1 => at[0],
            2 or 3 => BinaryPrimitives.ReadInt32LittleEndian(at),
            4 => BinaryPrimitives.ReadSingleLittleEndian(at),
            5 => BinaryPrimitives.ReadDoubleLittleEndian(at),
            _ => double.NaN,
        };
    }

    /// <summary>A whole channel, one value per record.</summary>
    public double[] Channel(string name)
    {
        var values = new double[Records];
        for (int r = 0; r < Records; r++) values[r] = Get(name, r);
        return values;
    }

    /// <summary>The first number of a "Key: value" line in the session YAML (e.g. TrackPitSpeedLimit: 80.00 kph), in km/h for speeds.</summary>
    public double YamlNumber(string key, out string unit)
    {
        unit = "";
        foreach (string line in Yaml.Split('\n'))
        {
            string l = line.Trim();
            if (!l.StartsWith(key + ":", StringComparison.Ordinal)) continue;
            string[] parts = l[(key.Length + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) return double.NaN;
            if (parts.Length > 1) unit = parts[1];
            return double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
        }
        return double.NaN;
    }
}
