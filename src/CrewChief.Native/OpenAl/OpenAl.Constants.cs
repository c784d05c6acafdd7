namespace CrewChief.Native.OpenAl;

/// <summary>Enum values from al.h, alc.h and alext.h (OpenAL Soft), only those the playback stage uses.</summary>
internal static partial class OpenAl
{
    internal const int ALC_FALSE = 0;
    internal const int ALC_TRUE = 1;
    internal const int ALC_FREQUENCY = 0x1007;
    internal const int ALC_NO_ERROR = 0;
    internal const int ALC_DEFAULT_DEVICE_SPECIFIER = 0x1004;
    internal const int ALC_DEVICE_SPECIFIER = 0x1005;
    internal const int ALC_DEFAULT_ALL_DEVICES_SPECIFIER = 0x1012;
    internal const int ALC_ALL_DEVICES_SPECIFIER = 0x1013;
    internal const int ALC_MAJOR_VERSION = 0x1000;
    internal const int ALC_MINOR_VERSION = 0x1001;
    internal const int ALC_CONNECTED = 0x313; // ALC_EXT_disconnect
    internal const int ALC_CAPTURE_DEVICE_SPECIFIER = 0x310;
    internal const int ALC_CAPTURE_DEFAULT_DEVICE_SPECIFIER = 0x311;
    internal const int ALC_CAPTURE_SAMPLES = 0x312;

    // ALC_SOFT_loopback.
    internal const int ALC_FORMAT_CHANNELS_SOFT = 0x1990;
    internal const int ALC_FORMAT_TYPE_SOFT = 0x1991;
    internal const int ALC_SHORT_SOFT = 0x1402;
    internal const int ALC_FLOAT_SOFT = 0x1406;
    internal const int ALC_MONO_SOFT = 0x1500;
    internal const int ALC_STEREO_SOFT = 0x1501;

    internal const int AL_NO_ERROR = 0;
    internal const int AL_GAIN = 0x100A;
    internal const int AL_BUFFER = 0x1009;
    internal const int AL_SOURCE_RELATIVE = 0x202;
    internal const int AL_ROLLOFF_FACTOR = 0x1021;
    internal const int AL_SOURCE_STATE = 0x1010;
    internal const int AL_INITIAL = 0x1011;
    internal const int AL_PLAYING = 0x1012;
    internal const int AL_PAUSED = 0x1013;
    internal const int AL_STOPPED = 0x1014;
    internal const int AL_BUFFERS_QUEUED = 0x1015;
    internal const int AL_BUFFERS_PROCESSED = 0x1016;
    internal const int AL_FORMAT_MONO16 = 0x1101;
    internal const int AL_FORMAT_MONO_FLOAT32 = 0x10010;
    internal const int AL_VERSION = 0xB002;
    internal const int AL_RENDERER = 0xB003;
}
