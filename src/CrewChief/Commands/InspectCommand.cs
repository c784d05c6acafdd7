using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CrewChief.Logging;
using CrewChief.Telemetry;

namespace CrewChief.App.Commands;

/// <summary>
/// crewchief inspect FILE [--vars] [--yaml] [--json]: what an .ibt file or a live-map dump holds: header, disk
/// sub-header (.ibt only), variable table and session YAML. Live dumps are recognised by having no room for a disk
/// sub-header (YAML or var headers straight after the 112-byte header).
/// </summary>
internal static class InspectCommand
{

    public static int Run(CommandArgs args) => Run(args, Console.Out);

    public static int Run(CommandArgs args, TextWriter output)
    {
        bool vars = args.Flag("--vars");
        bool yaml = args.Flag("--yaml");
        bool json = args.Flag("--json");
        args.ThrowOnUnknown();
        string path = args.RequiredPositional(0, "the .ibt file or live-map dump to inspect");

        // Positioned reads of the head only (header, variables, YAML): a file cut short meanwhile is a line, not SIGBUS.
        using var file = IbtFile.Open(path);
        var data = file.Head;
        var layout = file.Layout;
        string yamlText = Windows1252.DecodeSessionText(IrsdkLayout.SessionInfoBytes(data, layout.Header));
        var info = SessionInfoParser.Parse(yamlText);
        JsonNumbers.TakeNonFinite();
        if (json) WriteJson(output, path, layout, info, vars, yaml ? yamlText : null);
        else WriteText(output, path, layout, info, vars, yaml ? yamlText : null);
        JsonNumbers.NoteNonFinite(Console.Error, path);
        return 0;
    }

    private static void WriteText(TextWriter o, string path, IrsdkLayout layout, SessionInfo info, bool vars, string? yaml)
    {
        var c = CultureInfo.InvariantCulture;
        var h = layout.Header;
        o.WriteLine($"{path}: {(layout.Kind == IrsdkLayoutKind.Disk ? "iRacing disk telemetry (.ibt)" : "iRacing live memory map")}, {layout.DataLength} bytes");
        o.WriteLine(string.Create(c, $"header       ver {h.Version}, status {h.Status} ({(h.IsConnected ? "connected" : "not connected")}), tickRate {h.TickRate} Hz, sessionInfoUpdate {h.SessionInfoUpdate}"));
        o.WriteLine(string.Create(c, $"             sessionInfo {h.SessionInfoLength} bytes at {h.SessionInfoOffset}, {h.VarCount} vars at {h.VarHeaderOffset}, {h.BufferCount} var buffer(s) of {h.BufferLength} bytes"));
        int newest = h.NewestBuffer();
        for (int i = 0; i < h.BufferCount; i++)
            o.WriteLine(string.Create(c, $"             varBuf[{i}] tickCount {h.BufferTickCount(i)}, offset {h.BufferOffset(i)}{(layout.Kind == IrsdkLayoutKind.Live && i == newest ? " (newest)" : "")}"));
        if (layout.DiskSubHeader is DiskSubHeader d)
        {
            string start = d.StartDateUtc?.ToString("yyyy-MM-dd HH:mm:ss'Z'", c) ?? d.SessionStartDate.ToString(c);
            o.WriteLine(string.Create(c, $"disk         started {start}, session time {d.SessionStartTime:0.000} to {d.SessionEndTime:0.000} s, sessionLapCount {d.SessionLapCount}, sessionRecordCount {d.SessionRecordCount}"));
            o.WriteLine(string.Create(c, $"records      {layout.RecordCount} (from the file length), {layout.RecordCount / (double)h.TickRate:0.0} s at {h.TickRate} Hz"));
        }
        var player = info.PlayerDriver;
        o.WriteLine(string.Create(c, $"track        {info.TrackDisplayName} ({info.TrackName}{(info.TrackConfigName.Length > 0 ? ", " + info.TrackConfigName : "")}), {info.TrackLengthKm:0.00} km, {info.TrackType}"));
        o.WriteLine(string.Create(c, $"player       car idx {info.PlayerCarIdx}: {player?.UserName ?? "?"}, {(player is null ? "?" : player.CarScreenName.Length > 0 ? player.CarScreenName : player.CarPath)}, tank {info.FuelTankLitres:0.0} l"));
        var sessions = new StringBuilder();
        foreach (var s in info.Sessions)
        {
            if (sessions.Length > 0) sessions.Append("; ");
            sessions.Append(c, $"{s.SessionNum} {s.SessionType} ({(s.Laps > 0 ? s.Laps + " laps" : "unlimited laps")}, {(s.TimeSeconds > 0 ? (s.TimeSeconds / 60).ToString("0.#", c) + " min" : "unlimited time")})");
        }
        o.WriteLine($"sessions     {sessions}");
        o.WriteLine(string.Create(c, $"drivers      {info.Drivers.Count} ({CountPaceCars(info)} pace car), incident limit {(info.IncidentLimit > 0 ? info.IncidentLimit.ToString(c) : "unlimited")}, {info.SectorStarts.Count} sectors"));
        if (vars)
        {
            o.WriteLine($"variables    {layout.Variables.Count}");
            o.WriteLine($"  {"name",-32} {"type",-8} {"count",5} {"offset",7}  {"unit",-16} description");
            foreach (var v in layout.Variables.Variables)
                o.WriteLine(string.Create(c, $"  {v.Name,-32} {v.Type.Name(),-8} {v.Count,5} {v.Offset,7}  {v.Unit,-16} {v.Description}"));
        }
        else
        {
            o.WriteLine($"variables    {layout.Variables.Count} (--vars lists them)");
        }
        if (yaml is not null)
        {
            o.WriteLine("session info YAML:");
            o.WriteLine(yaml);
        }
    }

    private static int CountPaceCars(SessionInfo info)
    {
        int n = 0;
        foreach (var d in info.Drivers) if (d.IsPaceCar) n++;
        return n;
    }

    private static void WriteJson(TextWriter o, string path, IrsdkLayout layout, SessionInfo info, bool vars, string? yaml)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var h = layout.Header;
            w.WriteStartObject();
            w.WriteString("file", path);
            w.WriteString("layout", layout.Kind == IrsdkLayoutKind.Disk ? "ibt" : "live");
            w.WriteNumber("bytes", layout.DataLength);
            w.WriteStartObject("header");
            w.WriteNumber("ver", h.Version);
            w.WriteNumber("status", h.Status);
            w.WriteNumber("tick_rate", h.TickRate);
            w.WriteNumber("session_info_update", h.SessionInfoUpdate);
            w.WriteNumber("session_info_len", h.SessionInfoLength);
            w.WriteNumber("session_info_offset", h.SessionInfoOffset);
            w.WriteNumber("num_vars", h.VarCount);
            w.WriteNumber("var_header_offset", h.VarHeaderOffset);
            w.WriteNumber("num_buf", h.BufferCount);
            w.WriteNumber("buf_len", h.BufferLength);
            w.WriteStartArray("var_bufs");
            for (int i = 0; i < h.BufferCount; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("tick_count", h.BufferTickCount(i));
                w.WriteNumber("buf_offset", h.BufferOffset(i));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            if (layout.DiskSubHeader is DiskSubHeader d)
            {
                w.WriteStartObject("disk_sub_header");
                w.WriteNumber("session_start_date", d.SessionStartDate);
                JsonNumbers.Write(w, "session_start_time", d.SessionStartTime);
                JsonNumbers.Write(w, "session_end_time", d.SessionEndTime);
                w.WriteNumber("session_lap_count", d.SessionLapCount);
                w.WriteNumber("session_record_count", d.SessionRecordCount);
                w.WriteEndObject();
                w.WriteNumber("records", layout.RecordCount);
            }
            else
            {
                w.WriteNull("disk_sub_header");
                w.WriteNull("records");
            }
            w.WriteStartObject("session");
            w.WriteString("track", info.TrackDisplayName);
            w.WriteString("track_name", info.TrackName);
            w.WriteString("track_config", info.TrackConfigName);
            JsonNumbers.Write(w, "track_length_km", info.TrackLengthKm, 3);
            w.WriteNumber("player_car_idx", info.PlayerCarIdx);
            var player = info.PlayerDriver;
            w.WriteString("car", player is null ? "" : player.CarScreenName.Length > 0 ? player.CarScreenName : player.CarPath);
            JsonNumbers.Write(w, "fuel_tank_l", info.FuelTankLitres, 3);
            w.WriteNumber("incident_limit", info.IncidentLimit);
            w.WriteNumber("drivers", info.Drivers.Count);
            w.WriteStartArray("sessions");
            foreach (var s in info.Sessions)
            {
                w.WriteStartObject();
                w.WriteNumber("num", s.SessionNum);
                w.WriteString("type", s.SessionType);
                w.WriteNumber("laps", s.Laps);
                JsonNumbers.Write(w, "time_s", s.TimeSeconds);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteNumber("variable_count", layout.Variables.Count);
            if (vars)
            {
                w.WriteStartArray("variables");
                foreach (var v in layout.Variables.Variables)
                {
                    w.WriteStartObject();
                    w.WriteString("name", v.Name);
                    w.WriteString("type", v.Type.Name());
                    w.WriteNumber("count", v.Count);
                    w.WriteNumber("offset", v.Offset);
                    w.WriteString("unit", v.Unit);
                    w.WriteString("desc", v.Description);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (yaml is not null) w.WriteString("session_yaml", yaml);
            w.WriteEndObject();
        }
        o.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
