#!/usr/bin/env python3
"""Independent spot check of iRacing telemetry files (stdlib only, shares no code with the C# reader).

Prints Speed, FuelLevel, Lap and SessionTime at a few records of .ibt files, and for live-map dumps the newest
var buffer's values plus a few CarIdx entries and CarLeftRight. The numbers are pasted into
tests/CrewChief.Tests/Telemetry/SpotCheckTests.cs.

usage: irsdk_spotcheck.py SHARED_TELEMETRY_DIR
"""
import os
import struct
import sys

FMT = {0: 'c', 1: '?', 2: 'i', 3: 'I', 4: 'f', 5: 'd'}
SIZE = {0: 1, 1: 1, 2: 4, 3: 4, 4: 4, 5: 8}


def read(path):
    data = open(path, 'rb').read()
    (ver, status, tick_rate, si_update, si_len, si_off, num_vars, var_off, num_buf, buf_len) = struct.unpack_from('<10i', data, 0)
    variables = {}
    for i in range(num_vars):
        o = var_off + 144 * i
        vtype, voff, count = struct.unpack_from('<3i', data, o)
        name = data[o + 16:o + 48].split(b'\0')[0].decode('latin-1')
        variables.setdefault(name, (vtype, voff, count))
    bufs = [struct.unpack_from('<2i', data, 48 + 16 * i) for i in range(num_buf)]
    return data, buf_len, variables, bufs


def value(data, base, variables, name, index=0):
    if name not in variables:
        return None
    vtype, voff, count = variables[name]
    return struct.unpack_from('<' + FMT[vtype], data, base + voff + index * SIZE[vtype])[0]


def ibt(path, records):
    data, buf_len, variables, bufs = read(path)
    first = bufs[0][1]
    n = (len(data) - first) // buf_len
    for r in records:
        if r >= n:
            continue
        base = first + r * buf_len
        print(f'{os.path.basename(path)} record {r}: Speed={value(data, base, variables, "Speed")!r} '
              f'FuelLevel={value(data, base, variables, "FuelLevel")!r} Lap={value(data, base, variables, "Lap")!r} '
              f'SessionTime={value(data, base, variables, "SessionTime")!r}')


def live(path):
    data, buf_len, variables, bufs = read(path)
    tick, base = max(bufs)
    line = f'{os.path.basename(path)} tick {tick}: Speed={value(data, base, variables, "Speed")!r} ' \
           f'FuelLevel={value(data, base, variables, "FuelLevel")!r} Lap={value(data, base, variables, "Lap")!r} ' \
           f'SessionTime={value(data, base, variables, "SessionTime")!r} CarLeftRight={value(data, base, variables, "CarLeftRight")!r}'
    print(line)
    for idx in (0, 1, 2, 5, 63):
        print(f'    car {idx}: CarIdxLap={value(data, base, variables, "CarIdxLap", idx)!r} '
              f'CarIdxLapDistPct={value(data, base, variables, "CarIdxLapDistPct", idx)!r} '
              f'CarIdxTrackSurface={value(data, base, variables, "CarIdxTrackSurface", idx)!r} '
              f'CarIdxOnPitRoad={value(data, base, variables, "CarIdxOnPitRoad", idx)!r} '
              f'CarIdxPosition={value(data, base, variables, "CarIdxPosition", idx)!r}')


FRAME_VARS = ('SessionTime SessionTick SessionNum SessionState SessionFlags SessionTimeRemain SessionLapsRemainEx '
              'IsOnTrack IsOnTrackCar PlayerTrackSurface PlayerCarIdx PlayerCarPosition PlayerCarClassPosition '
              'PlayerCarMyIncidentCount Lap LapCompleted LapDist LapDistPct LapCurrentLapTime LapLastLapTime '
              'LapBestLapTime LapDeltaToBestLap Speed RPM Gear Throttle Brake SteeringWheelAngle LatAccel LongAccel '
              'VertAccel FuelLevel FuelLevelPct FuelUsePerHour OnPitRoad EngineWarnings CarLeftRight AirTemp TrackTemp '
              'LFtempCL RRtempCR LFwearL RRwearR').split()


def every_field(path, record=None):
    """Every variable the C# frame fills, at one .ibt record or at a live dump's newest buffer."""
    data, buf_len, variables, bufs = read(path)
    base = bufs[0][1] + record * buf_len if record is not None else max(bufs)[1]
    where = f'record {record}' if record is not None else 'newest buffer'
    print(f'{os.path.basename(path)} {where}:')
    for name in FRAME_VARS:
        print(f'    {name}={value(data, base, variables, name)!r}')


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '../shared/telemetry'
    picks = {
        'amg-gt4_sebring.ibt': (0, 1, 1000, 2404, 2405, 2406, 2682),
        'silverado-truck_bristol.ibt': (0, 1, 1500, 3445),
        'skmodified_langley_2015-05-28_14-50-46.ibt': (0, 1, 2500, 5475),
        'tour-modified_martinsville_2015.ibt': (0, 3000),
        'mercedes-w13_redbullring.ibt': (0, 389),
        'audi-r8-gt3_indianapolis-road.ibt': (0, 22),
    }
    for name, records in picks.items():
        ibt(os.path.join(root, 'ibt', name), records)
    for name in sorted(os.listdir(os.path.join(root, 'live'))):
        live(os.path.join(root, 'live', name))
    every_field(os.path.join(root, 'ibt', 'amg-gt4_sebring.ibt'), 1000)
    every_field(os.path.join(root, 'live', 'skipbarber_longbeach.bin'))


if __name__ == '__main__':
    main()
