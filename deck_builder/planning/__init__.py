"""The typed presentation model (layouts, fitted sizes, geometry, continuation) and its planner."""
