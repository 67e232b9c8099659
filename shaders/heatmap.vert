// Heatmap quad over the canvas rectangle. No vertex buffer: the four corners come from
// gl_VertexID (triangle strip). v_data is the canvas (data) coordinate of the fragment.
uniform vec4 u_rect_ndc;  // x0, y0 (top), x1, y1 (bottom) in normalised device coordinates
uniform vec4 u_view;      // xmin, xmax, ymin, ymax of the rectangle in data coordinates
out vec2 v_data;

void main() {
  vec2 c = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  gl_Position = vec4(mix(u_rect_ndc.x, u_rect_ndc.z, c.x), mix(u_rect_ndc.y, u_rect_ndc.w, c.y),
                     0.0, 1.0);
  v_data = vec2(mix(u_view.x, u_view.y, c.x), mix(u_view.w, u_view.z, c.y));
}
