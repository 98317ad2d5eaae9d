-- A launch's landing area (sea-of-japan, from the missile table's landing column) is a figure of
-- its own, beside apogee and range. Stores written before kept it only as a sentence of the
-- summary ("Landing area: sea of japan."), which the merge wrote with the dashes as spaces; here
-- it is read back from that sentence, deleted events too, so nothing stored is lost. The summary
-- keeps its sentence. Safe to run again: the column is added only if missing and only empty
-- landing areas are filled.
ALTER TABLE events ADD COLUMN IF NOT EXISTS landing_area text;
UPDATE events
SET landing_area = lower(replace(btrim(substring(summary FROM 'Landing area: ([^.]*)')), ' ', '-'))
WHERE kind = 'missile-launch' AND landing_area IS NULL AND strpos(summary, 'Landing area: ') > 0;
