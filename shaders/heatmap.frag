// Decision heatmap: per-class probabilities live in the layers of an R16F texture array (bilinear
// filtering interpolates each class). The winning class gives the hue, the confidence (margin of
// the top probability over chance) the saturation, and the decision boundary (top two
// probabilities equal) is drawn as a thin anti-aliased contour.
precision highp float;
precision highp sampler2DArray;

uniform sampler2DArray u_probs;
uniform int u_classes;
uniform vec4 u_grid;  // xmin, xmax, ymin, ymax covered by the texture
uniform vec3 u_palette[12];
uniform vec3 u_background;
uniform vec3 u_line;
uniform float u_strength;  // overall opacity of the colouring
in vec2 v_data;
out vec4 o_color;

void main() {
  vec2 uv = (v_data - u_grid.xz) / (u_grid.yw - u_grid.xz);
  // Fade out just outside the grid (it lags behind while panning).
  vec2 outside = max(-uv, uv - 1.0);
  float edge = 1.0 - clamp(max(outside.x, outside.y) * 40.0, 0.0, 1.0);
  uv = clamp(uv, 0.0, 1.0);
  float p1 = -1.0;
  float p2 = -1.0;
  int k1 = 0;
  for (int k = 0; k < 12; ++k) {
    if (k >= u_classes) break;
    float p = texture(u_probs, vec3(uv, float(k))).r;
    if (p > p1) {
      p2 = p1;
      p1 = p;
      k1 = k;
    } else if (p > p2) {
      p2 = p;
    }
  }
  float chance = 1.0 / float(max(u_classes, 2));
  float conf = clamp((p1 - chance) / (1.0 - chance), 0.0, 1.0);
  vec3 col = mix(u_background, u_palette[k1], u_strength * (0.10 + 0.36 * conf * conf));
  // Contour where the top two classes tie. fwidth can be 0 on flat regions: guard it.
  float d = p1 - p2;
  float w = max(fwidth(d), 1e-4);
  float line = 1.0 - smoothstep(0.6, 1.6, d / w);
  col = mix(col, u_line, 0.85 * line);
  o_color = vec4(col, edge);
}
