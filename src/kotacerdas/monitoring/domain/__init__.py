"""Services of the monitoring app."""
