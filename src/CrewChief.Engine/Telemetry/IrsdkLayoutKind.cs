namespace CrewChief.Telemetry;

/// <summary>Which of iRacing's two layouts a file has.</summary>
public enum IrsdkLayoutKind
{
    /// <summary>An .ibt disk file: disk sub-header at 112, one var buffer, records to the end of the file.</summary>
    Disk,
    /// <summary>The live memory map (or a dump of it): YAML at 112, rotating var buffers, no sub-header.</summary>
    Live,
}
