using System.Text;
using CrewChief.Callouts;
using CrewChief.Events;
using CrewChief.Strategy;
using CrewChief.Telemetry;

namespace CrewChief.Radio;

/// <summary>
/// Answers a question from the radio state the way the composer speaks a callout: the answer's facts are put into
/// a fact set, the phrasing's placeholders are filled from those facts alone (the composer's own filler and
/// number formats), and the sentence must pass the strict grounding check against the same facts. A phrasing
/// whose fact is missing is skipped; when none fits, the engineer says he does not have that yet. An estimate
/// (tyres, rejoin) is said as one. Commands get a short acknowledgement; <see cref="DriverRadio"/> applies them.
/// Not thread-safe: one answerer per radio thread.
/// </summary>
public sealed class RadioAnswerer
{
    public const string DontHaveThat = "I don't have that yet.";
    public const string SayAgain = "Say again?";

    private readonly StringBuilder _sb = new(128);

    /// <summary>
    /// The reply to <paramref name="intent"/>. <paramref name="detail"/> below 0 prefers the shortest phrasing,
    /// above 0 the fullest.
    /// </summary>
    public RadioAnswer Answer(RadioIntent intent, in RadioState state, CalloutContext ctx, int detail = 0, string? lastSaid = null)
    {
        if (intent == RadioIntent.None) return Reply(intent, SayAgain, known: false);
        if (intent.IsCommand()) return Reply(intent, Acknowledge(intent, lastSaid), known: intent != RadioIntent.RepeatLast || lastSaid is not null);
        if (!state.InWorld) return Reply(intent, DontHaveThat, known: false);

        var facts = new FactSet();
        string[] phrasings = Phrasings(intent, state, ref facts);
        var ev = new RaceEvent(EventKind.None, Priority.High, state.Strategy.SessionTime, 0, 10, facts);
        ReadOnlySpan<RaceEvent> events = [ev];
        var grounding = GroundingFacts.From(ev, ctx);

        // Fullest first; less detail tries the list from the short end.
        for (int k = 0; k < phrasings.Length; k++)
        {
            string template = phrasings[detail < 0 ? phrasings.Length - 1 - k : k];
            _sb.Clear();
            if (!PhraseFiller.TryFill(template, events, ctx, _sb)) continue;
            string text = _sb.ToString();
            // Never expected to fail (the phrasings use only their facts); if one ever does, it is not said.
            if (!GroundingCheck.Check(text, grounding).IsGrounded) continue;
            bool known = !ReferenceEquals(template, DontHaveThat);
            return Reply(intent, text, known) with { Draft = known ? new RadioDraft(ev, grounding) : null };
        }
        return Reply(intent, DontHaveThat, known: false);
    }

    private static RadioAnswer Reply(RadioIntent intent, string text, bool known) => new(intent, text, SpokenText.From(text), known);

    /// <summary>The phrasings for <paramref name="intent"/>, fullest first, after putting their facts into <paramref name="f"/>.</summary>
    private static string[] Phrasings(RadioIntent intent, in RadioState st, ref FactSet f)
    {
        StrategySnapshot s = st.Strategy;
        FuelPlan plan = s.Fuel;
        switch (intent)
        {
            case RadioIntent.Fuel:
                Set(ref f, FactKey.FuelLevel, s.FuelLevel);
                // Usage before a clean lap is measured is a guess from the first partial lap: not said.
                if (s.FuelCleanLaps >= 1)
                {
                    Set(ref f, FactKey.FuelLapsLeft, plan.LapsOfFuel);
                    Set(ref f, FactKey.FuelPerLap, plan.PerLap);
                }
                return
                [
                    "{fuel} in the tank, {fuelPerLap} a lap, that's {fuelLaps} laps of fuel.",
                    "{fuelLaps} laps of fuel, {fuel} in the tank.",
                    "{fuel} in the tank, no usage figure yet.",
                ];
            case RadioIntent.FuelToEnd:
                Set(ref f, FactKey.FuelLevel, s.FuelLevel);
                Set(ref f, FactKey.FuelToFinish, plan.FuelToFinish);
                Set(ref f, FactKey.LapsRemaining, s.LapsRemaining);
                if (plan.StopsNeeded >= 1)
                {
                    Set(ref f, FactKey.StopsNeeded, plan.StopsNeeded);
                    Set(ref f, FactKey.FuelToAdd, plan.FuelToAdd);
                    return ["No, you need {fuelToFinish} to the end and have {fuel}, add {fuelToAdd}.", "No, you need {fuelToFinish} to the end and have {fuel}.", DontHaveThat];
                }
                if (plan.StopsNeeded == 0 && plan.SavePerLap > 0)
                {
                    Set(ref f, FactKey.FuelSavePerLap, FuelMath.SpokenSave(plan.SavePerLap));
                    return ["It's tight, save {save} a lap to make the end.", DontHaveThat];
                }
                if (plan.StopsNeeded == 0) return ["Yes, {fuel} in the tank and {fuelToFinish} needed to the end.", "Yes, you can make the end.", DontHaveThat];
                return [DontHaveThat];
            case RadioIntent.FuelToAdd:
                if (plan.StopsNeeded == 0) return ["No fuel needed, you can make the end."];
                // Short by less than a litre: "add 0 L" would be nonsense; saving covers it.
                if (plan.StopsNeeded >= 1 && plan.FuelToAdd < 1) return ["You're only just short, a little fuel saving makes the end."];
                Set(ref f, FactKey.FuelToAdd, plan.FuelToAdd);
                if (plan.StopsNeeded >= 1) Set(ref f, FactKey.StopsNeeded, plan.StopsNeeded);
                return ["Add {fuelToAdd} to make the end, {stops} to go.", "Add {fuelToAdd} to make the end.", DontHaveThat];
            case RadioIntent.GapAhead:
                if (s.ClassPosition == 1) return ["You're leading, nobody ahead."];
                Set(ref f, FactKey.GapAhead, s.GapAhead);
                Set(ref f, FactKey.Position, s.ClassPosition);
                if (s.CarAheadIdx >= 0) Set(ref f, FactKey.CarIdx, s.CarAheadIdx);
                return ["Gap ahead {gapAhead} to {rival}, for {posAhead}.", "Gap ahead is {gapAhead}.", DontHaveThat];
            case RadioIntent.GapBehind:
                Set(ref f, FactKey.GapBehind, s.GapBehind);
                Set(ref f, FactKey.Position, s.ClassPosition);
                if (s.CarBehindIdx >= 0) Set(ref f, FactKey.CarIdx, s.CarBehindIdx);
                return ["Gap behind {gapBehind}, {rival} is the car behind.", "Gap behind is {gapBehind}.", DontHaveThat];
            case RadioIntent.Position:
                Set(ref f, FactKey.Position, s.ClassPosition);
                Set(ref f, FactKey.OverallPosition, st.OverallPosition);
                if (st.OverallPosition >= 1 && s.ClassPosition >= 1 && st.OverallPosition != s.ClassPosition)
                    return ["You're {pos} in class, {overallPos} overall.", "{pos} in class."];
                return ["You're {pos}.", "You're {overallPos}.", DontHaveThat];
            case RadioIntent.LastLap:
                Set(ref f, FactKey.LapTime, s.LastLap);
                Set(ref f, FactKey.BestLapTime, s.PersonalBest);
                return ["Last lap {lapTime}, your best is {best}.", "Last lap {lapTime}.", DontHaveThat];
            case RadioIntent.BestLap:
                Set(ref f, FactKey.BestLapTime, s.PersonalBest);
                Set(ref f, FactKey.LapTime, s.LastLap);
                return ["Your best is {best}, last lap {lapTime}.", "Your best is {best}.", DontHaveThat];
            case RadioIntent.LeaderLap:
                if (st.IsLeader)
                {
                    Set(ref f, FactKey.LapTime, s.LastLap);
                    return ["You're the leader, your last lap was {lapTime}.", "You're the leader."];
                }
                Set(ref f, FactKey.LapTime, st.LeaderLastLap);
                return ["Leader's last lap was {lapTime}.", DontHaveThat];
            case RadioIntent.Tyres:
                return TyrePhrasings(st, ref f);
            case RadioIntent.PitWindow:
                if (plan.StopsNeeded == 0) return ["No stop needed on fuel, you can run to the end."];
                if (plan.StopsNeeded < 1) return [DontHaveThat];
                if (s.PitCall is PitCallState.Amber or PitCallState.Red || (plan.WindowCloseLap > 0 && s.Lap >= plan.WindowCloseLap))
                {
                    Set(ref f, FactKey.FuelToAdd, plan.FuelToAdd);
                    return ["Box this lap, add {fuelToAdd}.", "Box this lap."];
                }
                Set(ref f, FactKey.PitWindowOpenLap, plan.WindowOpenLap);
                Set(ref f, FactKey.PitWindowCloseLap, plan.WindowCloseLap);
                if (plan.WindowOpenLap > 0 && s.Lap >= plan.WindowOpenLap)
                    return ["Window is open, box by lap {windowClose}.", "Window is open.", DontHaveThat];
                return ["Not yet, the window opens lap {windowOpen} and closes lap {windowClose}.", "Not yet, the window opens lap {windowOpen}.", DontHaveThat];
            case RadioIntent.Rejoin:
                if (!s.Rejoin.IsKnown) return [DontHaveThat];
                Set(ref f, FactKey.RejoinPosition, s.Rejoin.Position);
                Set(ref f, FactKey.RejoinGapAhead, s.Rejoin.GapAhead);
                Set(ref f, FactKey.RejoinGapBehind, s.Rejoin.GapBehind);
                Set(ref f, FactKey.PitLaneLoss, s.Rejoin.PitLaneLoss);
                return
                [
                    "Estimate, box now and you rejoin about {rejoinPos}, {rejoinAhead} behind the next car, {pitLoss} lost in the lane.",
                    "Estimate, box now and you rejoin about {rejoinPos}, {rejoinAhead} behind the next car.",
                    "Estimate, box now and you rejoin about {rejoinPos}.",
                ];
            case RadioIntent.Remaining:
                Set(ref f, FactKey.LapsRemaining, s.LapsToGo);
                if (s.IsTimedRace)
                {
                    Set(ref f, FactKey.TimeRemaining, s.TimeRemaining);
                    return ["{timeLeft} to go, about {lapsLeft} laps.", "{timeLeft} to go.", DontHaveThat];
                }
                Set(ref f, FactKey.TotalLaps, s.TotalLaps);
                return ["{lapsLeft} laps to go of {totalLaps}.", "{lapsLeft} laps to go.", DontHaveThat];
            case RadioIntent.Incidents:
                if (st.Incidents < 0) return [DontHaveThat];
                Set(ref f, FactKey.Incidents, st.Incidents);
                if (st.IncidentLimit > 0) Set(ref f, FactKey.IncidentLimit, st.IncidentLimit);
                return st.Incidents == 1
                    ? ["{inc} incident, the limit is {incLimit}.", "{inc} incident."]
                    : ["{inc} incidents, the limit is {incLimit}.", "{inc} incidents."];
            case RadioIntent.Flags:
                if (!st.FlagsKnown) return [DontHaveThat];
                return [FlagSentence(st.Flags)];
            case RadioIntent.Weather:
                Set(ref f, FactKey.TrackTemp, st.TrackTempC);
                Set(ref f, FactKey.AirTemp, st.AirTempC);
                return ["Track is {trackTemp}, air {airTemp}.", "Track is {trackTemp}.", DontHaveThat];
            default:
                return [DontHaveThat];
        }
    }

    private static string[] TyrePhrasings(in RadioState st, ref FactSet f)
    {
        StrategySnapshot s = st.Strategy;
        if (!st.TyresMeasurable || !float.IsFinite(s.TyreConfidence)) return [DontHaveThat];
        // The tyre model is an estimate from load (iRacing freezes the real channels on track): said as one,
        // and as a rough one when its confidence has decayed.
        int hottest = 0, worn = 0;
        for (int i = 1; i < 4; i++)
        {
            if (s.Tyre((TyreCorner)i).TempC > s.Tyre((TyreCorner)hottest).TempC) hottest = i;
            if (s.Tyre((TyreCorner)i).WornPct > s.Tyre((TyreCorner)worn).WornPct) worn = i;
        }
        Set(ref f, FactKey.TyreCorner, hottest);
        Set(ref f, FactKey.TyreTemp, s.Tyre((TyreCorner)hottest).TempC);
        Set(ref f, FactKey.TyreWear, s.Tyre((TyreCorner)worn).WornPct);
        Set(ref f, FactKey.Confidence, s.TyreConfidence);
        return s.TyreConfidence >= 0.5f
            ? ["Estimate, {tyre} warmest at about {tyreTemp}, about {wear} worn at most.", "Estimate, {tyre} warmest at about {tyreTemp}."]
            : ["Rough estimate only, {tyre} warmest at about {tyreTemp}, about {wear} worn at most.", "Rough estimate only, {tyre} warmest at about {tyreTemp}."];
    }

    private static string FlagSentence(SessionFlags flags)
    {
        if ((flags & (SessionFlags.Black | SessionFlags.Disqualify)) != 0) return "Black flag, you have a penalty to serve.";
        if ((flags & SessionFlags.Repair) != 0) return "Meatball flag, you must pit for repairs.";
        if ((flags & (SessionFlags.Yellow | SessionFlags.YellowWaving | SessionFlags.Caution | SessionFlags.CautionWaving)) != 0)
            return "Yellow flag out, no penalties for you.";
        if ((flags & SessionFlags.Blue) != 0) return "Blue flag for you, let the faster car by. No penalties.";
        if ((flags & SessionFlags.Checkered) != 0) return "Chequered flag, no penalties.";
        if ((flags & SessionFlags.White) != 0) return "White flag, final lap. No penalties.";
        return "No penalties, no flags for you.";
    }

    private static string Acknowledge(RadioIntent intent, string? lastSaid) => intent switch
    {
        RadioIntent.KeepQuiet => "Copy, I'll keep quiet. Spotter stays on.",
        RadioIntent.TalkToMe => "Copy, back on the radio.",
        RadioIntent.SpotterOff => "Copy, spotter off.",
        RadioIntent.SpotterOn => "Copy, spotter on.",
        RadioIntent.RepeatLast => lastSaid ?? "Nothing to repeat yet.",
        RadioIntent.NoTalkInCorners => "Copy, I'll wait for the straights.",
        RadioIntent.TalkAnywhere => "Copy, I'll talk anywhere.",
        RadioIntent.MoreDetail => "Copy, more detail.",
        RadioIntent.LessDetail => "Copy, keeping it short.",
        _ => SayAgain,
    };

    private static void Set(ref FactSet f, FactKey key, double value)
    {
        // Unknowns stay out of the fact set, so a phrasing needing them is skipped instead of saying NaN or -1.
        if (!double.IsFinite(value)) return;
        if (value < 0 && key is FactKey.Position or FactKey.OverallPosition or FactKey.CarIdx or FactKey.LapsRemaining
            or FactKey.StopsNeeded or FactKey.PitWindowOpenLap or FactKey.PitWindowCloseLap or FactKey.RejoinPosition) return;
        if (value == 0 && key is FactKey.Position or FactKey.OverallPosition or FactKey.LapTime or FactKey.BestLapTime) return;
        // Fuel to add is said in whole litres; under one it would be spoken as "add zero".
        if (key == FactKey.FuelToAdd && value < 1) return;
        f.Set(key, value);
    }
}
