-- When a forecaster withdrew a forecast on a question (issue 20). A withdrawn forecast is kept,
-- with its probability and entry time, but no longer read: not shown, not scored, not exported.
-- Only a forecast the leaderboard does not score can be withdrawn (one on a question still open,
-- or one entered after the answer was known), so that a bad score cannot be erased. Null: not withdrawn.
ALTER TABLE question_forecasts ADD COLUMN withdrawn timestamptz;
