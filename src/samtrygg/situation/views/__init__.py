"""Pages of the situation app: the dashboard, the weekly EST view, reports and versions."""
