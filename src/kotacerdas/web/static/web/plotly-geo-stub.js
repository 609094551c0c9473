// An empty world topology, set before plotly.js loads: the choropleth draws only our own boundaries
// and plotly.js does not fetch world_110m.json from its CDN (the platform works offline).
window.PlotlyGeoAssets = { topojson: { world_110m: { type: "Topology", objects: {}, arcs: [] } } };
