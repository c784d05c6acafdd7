using System.Buffers.Binary;
using System.Diagnostics;
using static CrewChief.Tests.Playback.PlaybackTestKit;

namespace CrewChief.Tests.Playback;

/// <summary>
/// The sound-card path (OpenAlDeviceSink: device-paced, AL_BUFFERS_PROCESSED polling) on a machine without a sound
/// card: OpenAL Soft's own "wave" backend stands in for one, playing in real time into a file. Its configuration is
/// read from the process environment when the library starts, so this runs 'crewchief devices --test' as a child.
/// </summary>
[Collection(nameof(PlaybackCollection))]
public class DeviceSinkTests
{
    [Fact]
    public void NoSoundCard_OneLineFromCrewChief_NoLibraryNoise()
    {
        RequireOpenAl();
        // ALSA with a config naming a card that does not exist: what a machine without a sound card looks like.
        string dir = Path.Combine(Path.GetTempPath(), $"crewchief-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string conf = Path.Combine(dir, "alsoft.conf");
            File.WriteAllText(conf, "[general]\ndrivers = alsa\n[alsa]\ndevice = hw:CARD=NoSuchCard\n");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "crewchief.dll"));
            psi.ArgumentList.Add("devices");
            psi.ArgumentList.Add("--test");
            psi.Environment["ALSOFT_CONF"] = conf;
            psi.Environment["ALSOFT_DRIVERS"] = "alsa";
            psi.Environment.Remove("ALSOFT_LOGLEVEL");
            using var process = Process.Start(psi)!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "crewchief devices --test did not exit");
            string all = stdout + stderr;
            Assert.DoesNotContain("ALSA lib", all);
            Assert.DoesNotContain("AL lib:", all);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void DevicePath_OpenAlWaveBackend_HearsTheWholeTone()
    {
        RequireOpenAl();
        string dir = Path.Combine(Path.GetTempPath(), $"crewchief-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string output = Path.Combine(dir, "device.wav");
            string conf = Path.Combine(dir, "alsoft.conf");
            File.WriteAllText(conf, $"[general]\ndrivers = wave\n[wave]\nfile = {output}\n");
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "crewchief.dll"));
            psi.ArgumentList.Add("devices");
            psi.ArgumentList.Add("--test");
            psi.Environment["ALSOFT_CONF"] = conf;
            psi.Environment["ALSOFT_DRIVERS"] = "wave";
            using var process = Process.Start(psi)!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "crewchief devices --test did not exit");
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {stdout} {stderr}");
            Assert.Contains("Wave File Writer", stdout);
            Assert.Contains("Done.", stdout);

            // The wave backend writes WAVE_FORMAT_EXTENSIBLE; find fmt and data and measure the 440 Hz tone (0.75 s).
            byte[] b = File.ReadAllBytes(output);
            int channels = 0, bits = 0, rate = 0, pos = 12;
            ReadOnlySpan<byte> data = default;
            while (pos + 8 <= b.Length)
            {
                int size = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos + 4));
                if (b.AsSpan(pos, 4).SequenceEqual("fmt "u8))
                {
                    channels = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(pos + 10));
                    rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos + 12));
                    bits = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(pos + 22));
                }
                if (b.AsSpan(pos, 4).SequenceEqual("data"u8))
                {
                    data = b.AsSpan(pos + 8, Math.Min(size, b.Length - pos - 8));
                    break;
                }
                pos += 8 + size;
            }
            Assert.True(rate > 0 && !data.IsEmpty, "no fmt/data chunk in the wave backend's file");
            int frameBytes = channels * bits / 8;
            int loud = 0;
            for (int f = 0; f + frameBytes <= data.Length; f += frameBytes)
            {
                float s = bits == 32 ? BinaryPrimitives.ReadSingleLittleEndian(data[f..]) : BinaryPrimitives.ReadInt16LittleEndian(data[f..]) / 32768f;
                if (Math.Abs(s) > 0.05f) loud++;
            }
            // A 0.2-amplitude sine is above 0.05 for about 84% of the time: 0.75 s gives about 0.63 s of loud frames.
            Assert.InRange(loud, rate * 0.55, rate * 0.75);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
