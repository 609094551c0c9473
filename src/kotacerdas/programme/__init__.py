"""Programme: programmes, cohorts and the participation of each region with its lifecycle."""
