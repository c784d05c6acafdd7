using CrewChief.Callouts;
using CrewChief.Config;
using CrewChief.Native.OpenAl;
using CrewChief.Radio.Http;
using CrewChief.Telemetry;

namespace CrewChief.Radio;

/// <summary>
/// The two-way radio inside the running engine: the driver's radio state (the director's gate, fed by the tick
/// loop), the station that answers, and its inputs: push-to-talk with the microphone (or voice activity), a WAV
/// fed in place of the microphone (`--mic-wav`), and the local HTTP endpoint. Whatever cannot start says so in one
/// status line and the rest runs: no recogniser still answers HTTP; no microphone still answers HTTP and WAVs.
/// Replies go to <see cref="RadioStation.Reply"/> (the director's voice).
/// </summary>
public sealed class RadioHost : IDisposable
{
    private const int MicRate = PocketSphinxRecogniser.ModelRate;
    private const double MicWavDelaySeconds = 5;

    private readonly RadioStation _station;
    private readonly AskServer? _http;
    private readonly PushToTalkButton? _ptt;
    private readonly Thread? _mic;
    private readonly CancellationTokenSource _stop = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly string? _micName;
    private readonly string? _micWav;
    private readonly bool _voiceActivity;
    private readonly bool _click;
    private CalloutContext _context = new(CarInfo.Unknown(""), TrackInfo.Unknown("", false));
    /// <summary>The newest session YAML (set on the tick thread); the context is built from it when a question comes.</summary>
    private volatile SessionInfo? _session;
    private SessionInfo? _contextFor;
    private readonly Lock _contextGate = new();

    public RadioHost(EngineConfig config, Action<RadioAnswer> reply, Action<bool>? click, List<string> status)
    {
        Radio = new DriverRadio();
        // The recogniser (a few hundred ms and ~20 MB to load) only when something can speak to it.
        ISpeechRecogniser? recogniser = null;
        if (config.MicWav is not null || config.PushToTalk is not null)
        {
            recogniser = SpeechRecognisers.TryCreate(config.RadioRecogniser, config.RadioModel, null, out string error);
            status.Add(recogniser is null ? $"radio: no voice input ({error})" : $"radio: {recogniser.Description}");
        }
        _station = new RadioStation(Radio, recogniser, Context) { Reply = reply };
        Click = click;
        _click = config.RadioClick;
        _micName = config.MicName;
        _micWav = config.MicWav;

        if (config.RadioHttpPort > 0)
        {
            _http = AskServer.TryStart(_station, config.RadioHttpPort, out string httpError);
            status.Add(_http is null ? httpError : $"radio: POST /ask on http://127.0.0.1:{_http.Port}");
        }

        if (recogniser is null)
        {
            if (config.MicWav is null && config.PushToTalk is null)
                status.Add(_http is null ? "radio: not listening (set [radio] push_to_talk or http_port to ask the engineer)" : "radio: no push-to-talk set ([radio] push_to_talk); questions by HTTP only");
            return;
        }
        if (_micWav is not null)
        {
            _mic = new Thread(FeedWav) { Name = "crewchief-radio-mic", IsBackground = true };
            status.Add($"radio: asks once from {_micWav} after {MicWavDelaySeconds:0} s");
        }
        else if (config.PushToTalk is { } spec && PushToTalkSpec.TryParse(spec, out var ptt, out _))
        {
            _voiceActivity = ptt.Kind == PushToTalkKind.Voice;
            if (!_voiceActivity)
            {
                _ptt = PushToTalkButton.TryStart(ptt, OnPushToTalk, out string pttError);
                status.Add(_ptt is null ? pttError : $"radio: push-to-talk on {_ptt.Description}");
                if (_ptt is null) return;
            }
            else
            {
                status.Add("radio: voice activity (always listening)");
            }
            _mic = new Thread(ListenMic) { Name = "crewchief-radio-mic", IsBackground = true };
        }
        _mic?.Start();
    }

    public DriverRadio Radio { get; }
    public RadioStation Station => _station;
    private Action<bool>? Click { get; }

    /// <summary>Tick thread: the session changed; names and corners for answers come from it.</summary>
    /// <summary>Tick thread: the session YAML changed. Only the reference is kept here (the tick allocates nothing);
    /// the car and track are looked up when a question is answered.</summary>
    public void OnSessionInfo(SessionInfo info) => _session = info;

    private CalloutContext Context()
    {
        lock (_contextGate)
        {
            var info = _session;
            if (info is not null && !ReferenceEquals(info, _contextFor))
            {
                _context = CalloutContext.FromSession(info);
                _contextFor = info;
            }
            return _context;
        }
    }

    private void OnPushToTalk(bool down)
    {
        Radio.SetTalking(down);
        if (_click) Click?.Invoke(down);
        _wake.Set();
    }

    /// <summary>Push-to-talk or voice activity over the microphone: collects one utterance, then asks it.</summary>
    private void ListenMic()
    {
        using var mic = OpenAlCaptureDevice.TryOpen(_micName, MicRate, 1.0, out string error);
        if (mic is null)
        {
            Console.Error.WriteLine($"crewchief: {error} The radio answers HTTP questions only.");
            return;
        }
        mic.Start();
        var frame = new short[MicRate / 50]; // 20 ms
        var utterance = new List<short>(MicRate * 8);
        var vad = new VoiceActivity();
        bool collecting = false;
        while (!_stop.IsCancellationRequested)
        {
            _wake.WaitOne(20);
            int n;
            while ((n = mic.Read(frame)) > 0)
            {
                var samples = frame.AsSpan(0, n);
                bool talking = _voiceActivity ? vad.Update(samples) : Radio.DriverTalking;
                if (_voiceActivity) Radio.SetTalking(talking);
                if (talking)
                {
                    collecting = true;
                    if (utterance.Count < MicRate * 15) utterance.AddRange(samples);
                }
                else if (collecting)
                {
                    collecting = false;
                    Ask(utterance.ToArray(), MicRate);
                    utterance.Clear();
                }
            }
            if (!_voiceActivity && !Radio.DriverTalking && collecting)
            {
                collecting = false;
                Ask(utterance.ToArray(), MicRate);
                utterance.Clear();
            }
        }
    }

    /// <summary>`--mic-wav`: presses push-to-talk for the WAV's length once, then asks it, as a driver would.</summary>
    private void FeedWav()
    {
        short[] pcm;
        int rate;
        try
        {
            pcm = WavReader.Read(_micWav!, out rate);
        }
        catch (InputException e)
        {
            Console.Error.WriteLine($"crewchief: {e.Message}");
            return;
        }
        if (_stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(MicWavDelaySeconds))) return;
        OnPushToTalk(true);
        if (_stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds((double)pcm.Length / rate))) return;
        OnPushToTalk(false);
        Ask(pcm, rate);
    }

    private void Ask(short[] pcm, int rate)
    {
        if (pcm.Length < rate / 5) return; // a blip of the button, not a question
        try
        {
            _station.AskAudio(pcm, rate);
        }
        catch (Exception e) when (e is InvalidOperationException)
        {
            Console.Error.WriteLine($"crewchief: radio recognition failed ({e.Message}).");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _wake.Set();
        _ptt?.Dispose();
        _http?.Dispose();
        if (_mic is not null && _mic.IsAlive) _mic.Join(2000);
        _station.Dispose();
        _stop.Dispose();
        _wake.Dispose();
    }
}
