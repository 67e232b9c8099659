// Data points as instanced quads (triangle strip from gl_VertexID); the marker shape is drawn in
// the fragment shader. Per instance: position (data coordinates) and style.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec4 a_style;  // class (-1 unlabelled), shape (0 circle, 1 triangle),
                                       // fill (1 filled, 0 hollow), ring (1 misclassified;
                                       // 2 + k: a ring in class k's colour, the true class)
uniform vec4 u_rect_ndc;  // x0, y0 (top), x1, y1 (bottom)
uniform vec4 u_view;      // xmin, xmax, ymin, ymax
uniform vec2 u_px_ndc;    // size of one framebuffer pixel in NDC
uniform float u_size;     // marker size in framebuffer pixels
uniform vec3 u_palette[12];
uniform vec3 u_unlabelled;
out vec2 v_local;
flat out vec4 v_style;
flat out vec3 v_color;
flat out vec3 v_ring;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1)) * 2.0 - 1.0;
  vec2 t = (a_pos - u_view.xz) / (u_view.yw - u_view.xz);
  vec2 ndc = vec2(mix(u_rect_ndc.x, u_rect_ndc.z, t.x), mix(u_rect_ndc.w, u_rect_ndc.y, t.y));
  gl_Position = vec4(ndc + corner * (0.5 * u_size + 4.0) * u_px_ndc, 0.0, 1.0);
  v_local = corner * (0.5 * u_size + 4.0);  // framebuffer pixels from the centre
  v_style = a_style;
  int k = int(a_style.x + 0.5);
  v_color = a_style.x < -0.5 ? u_unlabelled : u_palette[k - 12 * (k / 12)];
  int tc = int(max(a_style.w - 2.0, 0.0) + 0.5);
  v_ring = u_palette[tc - 12 * (tc / 12)];
}
