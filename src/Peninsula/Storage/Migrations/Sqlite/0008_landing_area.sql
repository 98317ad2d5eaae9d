-- A launch's landing area (sea-of-japan, from the missile table's landing column) is a figure of
-- its own, beside apogee and range. Stores written before kept it only as a sentence of the
-- summary ("Landing area: sea of japan."), which the merge wrote with the dashes as spaces; here
-- it is read back from that sentence, deleted events too, so nothing stored is lost. The summary
-- keeps its sentence. The version number under the write lock makes the step run once.
ALTER TABLE events ADD COLUMN landing_area TEXT;
UPDATE events
SET landing_area = lower(replace(trim(substr(
        substr(summary, instr(summary, 'Landing area: ') + 14), 1,
        instr(substr(summary, instr(summary, 'Landing area: ') + 14) || '.', '.') - 1)), ' ', '-'))
WHERE kind = 'missile-launch' AND landing_area IS NULL AND instr(summary, 'Landing area: ') > 0;
