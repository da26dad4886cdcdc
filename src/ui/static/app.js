// twilio-source web UI
