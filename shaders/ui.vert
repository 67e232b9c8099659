// The page's widgets (ImGui's draw lists): a position in CSS pixels, a font-atlas texture
// coordinate and a colour per vertex; u_proj maps the display rectangle to clip space.
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
uniform mat4 u_proj;
out vec2 v_uv;
out vec4 v_color;

void main() {
  v_uv = a_uv;
  v_color = a_color;
  gl_Position = u_proj * vec4(a_pos, 0.0, 1.0);
}
