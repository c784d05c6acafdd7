namespace CrewChief.Telemetry;

/// <summary>The variable headers of one session, with lookup by name. Built once per session, off the tick path.</summary>
public sealed class VarTable
{
    private readonly VarHeader[] _vars;
    private readonly Dictionary<string, int> _byName;

    public VarTable(VarHeader[] vars)
    {
        _vars = vars;
        _byName = new Dictionary<string, int>(vars.Length, StringComparer.Ordinal);
        // First declaration wins, as in iRacing's own irsdk_varNameToIndex.
        for (int i = 0; i < vars.Length; i++) _byName.TryAdd(vars[i].Name, i);
    }

    public int Count => _vars.Length;

    /// <summary>End of the furthest variable in a record (offset + size × count), 0 when none has a known type.</summary>
    public long MaxEnd
    {
        get
        {
            long end = 0;
            foreach (var v in _vars)
                if (v.ElementSize > 0 && v.Count > 0 && v.Offset >= 0) end = Math.Max(end, v.Offset + (long)v.ElementSize * v.Count);
            return end;
        }
    }

    public ReadOnlySpan<VarHeader> Variables => _vars;

    public VarHeader this[int index] => _vars[index];

    public bool TryGet(string name, out VarHeader header)
    {
        if (_byName.TryGetValue(name, out int i))
        {
            header = _vars[i];
            return true;
        }
        header = default;
        return false;
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Reads <paramref name="count"/> headers starting at <paramref name="offset"/> of the file or map.</summary>
    public static VarTable Read(ReadOnlySpan<byte> data, int offset, int count)
    {
        var vars = new VarHeader[count];
        for (int i = 0; i < count; i++) vars[i] = VarHeader.Read(data.Slice(offset + i * VarHeader.Size, VarHeader.Size));
        return new VarTable(vars);
    }
}
