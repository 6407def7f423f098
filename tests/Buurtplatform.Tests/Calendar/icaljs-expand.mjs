// Expands every event of an .ics file with ical.js, an independent iCalendar implementation, so the
// C# test can compare our expander with it. Prints JSON: { uid: [{ recurrenceId, start, end, status }] },
// instants in UTC (ISO 8601), for the occurrences that overlap the window.
// Usage: node icaljs-expand.mjs <folder with node_modules/ical.js> <file.ics> <window start> <window end>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [toolsDir, icsFile, fromText, toText] = process.argv.slice(2);
const ICAL = createRequire(path.join(path.resolve(toolsDir), 'package.json'))('ical.js');

const windowStart = Date.parse(fromText);
const windowEnd = Date.parse(toText);
// Moved dates can land a little after their original start; look this far past the window for them.
const lookAhead = 60 * 24 * 3600 * 1000;

const calendar = new ICAL.Component(ICAL.parse(readFileSync(icsFile, 'utf8')));

// TZIDs resolve against the file's own VTIMEZONEs (that is what we want to test); registering them as
// well covers code paths that look zones up globally.
for (const zone of calendar.getAllSubcomponents('vtimezone')) {
  ICAL.TimezoneService.register(zone);
}

const iso = (time) => new Date(time.toUnixTime() * 1000).toISOString();
const result = {};
for (const component of calendar.getAllSubcomponents('vevent')) {
  if (component.hasProperty('recurrence-id')) {
    continue; // related to its master by ICAL.Event below
  }

  const event = new ICAL.Event(component);
  const occurrences = [];
  const iterator = event.iterator();
  for (let next = iterator.next(), guard = 0; next && guard < 100000; next = iterator.next(), guard++) {
    if (next.toUnixTime() * 1000 > windowEnd + lookAhead) {
      break;
    }

    const details = event.getOccurrenceDetails(next);
    const start = details.startDate.toUnixTime() * 1000;
    const end = details.endDate.toUnixTime() * 1000;
    if (start >= windowEnd || end <= windowStart) {
      continue;
    }

    const item = details.item;
    const cancelled = item.component.getFirstPropertyValue('status') === 'CANCELLED';
    occurrences.push({
      recurrenceId: iso(details.recurrenceId),
      start: iso(details.startDate),
      end: iso(details.endDate),
      status: cancelled ? 'Cancelled' : item !== event ? 'Moved' : 'Scheduled',
    });
  }

  result[event.uid] = occurrences;
}

process.stdout.write(JSON.stringify(result));
