// The SLA clock on the Chinese business calendar. Every expectation is worked out by hand in
// Beijing time (UTC+8, 09:00-18:00 working day) and written in UTC (Beijing minus 8 h).
// Calendar facts used (国务院办公厅 2026 holiday notice): Mid-Autumn 9/25-9/27 off; National Day
// 10/1-10/7 off with Sun 9/20 and Sat 10/10 worked (调休); Spring Festival 2/15-2/23 off with
// Sat 2/14 and Sat 2/28 worked. 2026-11-20 is a Friday.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETS, addBusinessMinutes, businessCalendar, businessMinutesBetween, isBreached, slaColour, targetsFor } from './sla.rules.js';

const cal = businessCalendar();
/** Beijing local time 'YYYY-MM-DD HH:mm' -> ISO UTC. */
const bj = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();

describe('SLA clock: working hours', () => {
  it('counts time inside one working day', () => {
    // Wed 10:00 + 2 h = Wed 12:00
    expect(addBusinessMinutes(cal, bj('2026-11-18 10:00'), 120)).toBe('2026-11-18T04:00:00.000Z');
  });

  it('stops over the night', () => {
    // Wed 17:00 + 2 h: 1 h until 18:00, then Thu 09:00 + 1 h = Thu 10:00 (02:00Z)
    expect(addBusinessMinutes(cal, bj('2026-11-18 17:00'), 120)).toBe('2026-11-19T02:00:00.000Z');
  });

  it('is due at closing time when the target ends exactly there', () => {
    // Wed 16:00 + 2 h = Wed 18:00, not Thu 09:00
    expect(addBusinessMinutes(cal, bj('2026-11-18 16:00'), 120)).toBe('2026-11-18T10:00:00.000Z');
  });

  it('starts at the next opening when a ticket arrives at night', () => {
    // Wed 22:30 + 30 min = Thu 09:30 (01:30Z)
    expect(addBusinessMinutes(cal, bj('2026-11-18 22:30'), 30)).toBe('2026-11-19T01:30:00.000Z');
  });
});

describe('SLA clock: weekends', () => {
  it('skips Saturday and Sunday', () => {
    // Fri 11/20 17:00 + one working day (540 min): 60 on Friday, 480 on Monday 11/23 from 09:00 -> 17:00 (09:00Z)
    expect(addBusinessMinutes(cal, bj('2026-11-20 17:00'), 540)).toBe('2026-11-23T09:00:00.000Z');
  });

  it('does not start on a Saturday', () => {
    // Sat 11/21 10:00 + 1 h -> Mon 11/23 10:00 (02:00Z)
    expect(addBusinessMinutes(cal, bj('2026-11-21 10:00'), 60)).toBe('2026-11-23T02:00:00.000Z');
  });

  it('measures elapsed business minutes across a weekend', () => {
    // Fri 16:00-18:00 = 120, Sat/Sun 0, Mon 09:00-10:00 = 60
    expect(businessMinutesBetween(cal, bj('2026-11-20 16:00'), bj('2026-11-23 10:00'))).toBe(180);
  });
});

describe('SLA clock: public holidays and 调休', () => {
  it('skips the National Day week', () => {
    // Wed 9/30 17:00 + 2 h: 1 h on 9/30, 10/1-10/7 off, Thu 10/8 09:00 + 1 h = 10:00 (02:00Z)
    expect(addBusinessMinutes(cal, bj('2026-09-30 17:00'), 120)).toBe('2026-10-08T02:00:00.000Z');
    expect(businessMinutesBetween(cal, bj('2026-09-30 16:00'), bj('2026-10-08 10:00'))).toBe(180);
  });

  it('skips a Friday public holiday (Mid-Autumn 9/25) and the weekend after it', () => {
    // Thu 9/24 17:00 + 2 h: 1 h on Thursday, Fri-Sun off, Mon 9/28 10:00 (02:00Z)
    expect(addBusinessMinutes(cal, bj('2026-09-24 17:00'), 120)).toBe('2026-09-28T02:00:00.000Z');
  });

  it('counts a 调休 working Saturday', () => {
    // Fri 10/9 17:30 + 1 h: 30 min on Friday, Sat 10/10 is a working day: 09:30 (01:30Z)
    expect(addBusinessMinutes(cal, bj('2026-10-09 17:30'), 60)).toBe('2026-10-10T01:30:00.000Z');
    // the ordinary Saturday a week later is off: Fri 10/16 17:30 + 1 h -> Mon 10/19 09:30
    expect(addBusinessMinutes(cal, bj('2026-10-16 17:30'), 60)).toBe('2026-10-19T01:30:00.000Z');
  });

  it('counts a 调休 working Sunday (9/20 before National Day)', () => {
    // Sat 9/19 12:00 + 1 h: Saturday off, Sun 9/20 worked: 10:00 (02:00Z)
    expect(addBusinessMinutes(cal, bj('2026-09-19 12:00'), 60)).toBe('2026-09-20T02:00:00.000Z');
  });

  it('works the Saturday before the Spring Festival, then skips the nine days off', () => {
    // Fri 2/13 17:00 + 2 h: 1 h Friday, Sat 2/14 worked 09:00-10:00 (02:00Z)
    expect(addBusinessMinutes(cal, bj('2026-02-13 17:00'), 120)).toBe('2026-02-14T02:00:00.000Z');
    // Sat 2/14 17:00 + 2 h: 1 h Saturday, 2/15-2/23 off, Tue 2/24 10:00 (02:00Z)
    expect(addBusinessMinutes(cal, bj('2026-02-14 17:00'), 120)).toBe('2026-02-24T02:00:00.000Z');
  });

  it('applies HQ overrides over the official calendar', () => {
    const withOverrides = businessCalendar(
      undefined,
      new Map([
        ['2026-11-23', false],
        ['2026-11-21', true],
      ]),
    );
    // Mon 11/23 declared a holiday: Fri 11/20 17:00 + 2 h -> but Sat 11/21 is now worked: 10:00 Sat
    expect(addBusinessMinutes(withOverrides, bj('2026-11-20 17:00'), 120)).toBe('2026-11-21T02:00:00.000Z');
    // Sat 11/21 17:00 + 2 h: 1 h Saturday, Sunday and Monday off, Tue 11/24 10:00
    expect(addBusinessMinutes(withOverrides, bj('2026-11-21 17:00'), 120)).toBe('2026-11-24T02:00:00.000Z');
  });

  it('follows configured working hours', () => {
    const early = businessCalendar({ startMinute: 8 * 60 + 30, endMinute: 17 * 60 + 30 });
    // Wed 17:00 + 1 h: 30 min until 17:30, Thu 08:30 + 30 min = 09:00 (01:00Z)
    expect(addBusinessMinutes(early, bj('2026-11-18 17:00'), 60)).toBe('2026-11-19T01:00:00.000Z');
  });
});

describe('SLA clock: pauses', () => {
  it('moves the deadline by a pause inside the day', () => {
    // Mon 11/23 09:00 + 4 h would be 13:00; paused 10:00-11:30 (1.5 h) -> 14:30 (06:30Z)
    const pauses = [{ from: bj('2026-11-23 10:00'), to: bj('2026-11-23 11:30') }];
    expect(addBusinessMinutes(cal, bj('2026-11-23 09:00'), 240, pauses)).toBe('2026-11-23T06:30:00.000Z');
  });

  it('only counts the working part of a pause over the night', () => {
    // Mon 09:00 + 540: Mon 09:00-17:00 runs (480), paused Mon 17:00 - Tue 10:00, Tue 10:00 + 60 = 11:00 (03:00Z)
    const pauses = [{ from: bj('2026-11-23 17:00'), to: bj('2026-11-24 10:00') }];
    expect(addBusinessMinutes(cal, bj('2026-11-23 09:00'), 540, pauses)).toBe('2026-11-24T03:00:00.000Z');
    // elapsed Mon 09:00 - Tue 12:00: 480 + 120 = 600 running minutes
    expect(businessMinutesBetween(cal, bj('2026-11-23 09:00'), bj('2026-11-24 12:00'), pauses)).toBe(600);
  });

  it('has no deadline while an open pause stops the clock', () => {
    const pauses = [{ from: bj('2026-11-23 10:00'), to: null }];
    expect(addBusinessMinutes(cal, bj('2026-11-23 09:00'), 120, pauses)).toBeNull();
    // a deadline reached before the pause began still stands: 09:00 + 1 h = 10:00
    expect(addBusinessMinutes(cal, bj('2026-11-23 09:00'), 60, [{ from: bj('2026-11-23 11:00'), to: null }])).toBe('2026-11-23T02:00:00.000Z');
  });
});

describe('SLA targets and status', () => {
  it('uses the C9/C10 defaults: urgent 2 h, normal one working day; urgent halves the resolution', () => {
    expect(targetsFor(DEFAULT_TARGETS, 'customer_feedback', 'technical', 'urgent')).toEqual({ firstResponseMinutes: 120, resolutionMinutes: 810 });
    expect(targetsFor(DEFAULT_TARGETS, 'customer_feedback', 'technical', 'normal')).toEqual({ firstResponseMinutes: 540, resolutionMinutes: 1620 });
    expect(targetsFor(DEFAULT_TARGETS, 'dealer_request', 'supply', 'normal')).toEqual({ firstResponseMinutes: 540, resolutionMinutes: 1080 });
  });

  it('calls a clock breached when the deadline passed before the event', () => {
    expect(isBreached('2026-11-23T02:00:00.000Z', null, '2026-11-23T02:00:00.001Z')).toBe(true);
    expect(isBreached('2026-11-23T02:00:00.000Z', '2026-11-23T01:59:00.000Z', '2026-11-30T00:00:00.000Z')).toBe(false);
    expect(isBreached('2026-11-23T02:00:00.000Z', '2026-11-23T02:01:00.000Z', '2026-11-23T02:01:00.000Z')).toBe(true);
  });

  it('turns amber after 80 % of the business time is used', () => {
    // due Mon 10:00 from Fri 17:00 (120 business minutes); at Mon 09:40, 100 of 120 used (83 %)
    const start = bj('2026-11-20 17:00');
    const due = bj('2026-11-23 10:00');
    expect(slaColour(cal, start, due, null, bj('2026-11-21 12:00'))).toBe('green'); // weekend: still 60 of 120
    expect(slaColour(cal, start, due, null, bj('2026-11-23 09:40'))).toBe('amber');
    expect(slaColour(cal, start, due, null, bj('2026-11-23 10:01'))).toBe('red');
  });
});
