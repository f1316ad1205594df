-- Quartz reads job data back as properties text from now on (org.quartz.jobStore.useProperties): Helidon
-- installs a JVM-wide deserialization filter that rejects Quartz's serialized JobDataMap, so the monthly
-- trigger could not fire in the running service ("BLOB couldn't be deserialized: filter status: REJECTED",
-- found by archive-reliability's TwoInstancesIT), and Java deserialization of database contents is a risk
-- we do not need: the monthly job carries no data. The serialized maps written so far are dropped; an absent
-- map reads as empty.
UPDATE qrtz_job_details SET job_data = NULL;
UPDATE qrtz_triggers SET job_data = NULL;
