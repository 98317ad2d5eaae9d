-- When each forecast on a question was entered (issue 20). A forecast entered after the day it
-- gives counts from the day it was entered unless it was published (url), so that a forecast
-- entered once the answer was known is not scored as if made before. Null for the forecasts stored
-- before this column: their entry time is not known.
ALTER TABLE question_forecasts ADD COLUMN entered timestamptz;
