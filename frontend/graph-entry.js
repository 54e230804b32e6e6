// The graph library the workbench's graph page uses: Cytoscape.js with the fCoSE layout,
// bundled into one ES module (static/vendor/graph.js).
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

cytoscape.use(fcose);

export default cytoscape;
