// The course page's script: two labs mounted with TransferLab.mount (../embed.js) and driven by
// the buttons under them; the figures are read from each lab with metrics().
(function () {
  'use strict';

  var labs = {
    finetune: {scenario: 'finetune-moons', method: 'target_acc', base: 'scratch_target_acc'},
    dann: {scenario: 'dann-moons', method: 'target_acc', base: 'source_only_target_acc'},
  };
  // What the tests (and a curious reader's console) can look at.
  var course = (window.course = {labs: {}, events: []});

  function percent(x) {
    return typeof x === 'number' && isFinite(x) ? (100 * x).toFixed(1) + '%' : '\u2013';
  }

  Object.keys(labs).forEach(function (name) {
    var spec = labs[name];
    var section = document.getElementById(name);
    var q = function (sel) { return section.querySelector(sel); };
    var toggle = q('[data-act="toggle"]');
    var statusEl = q('[data-status]');
    var errorEl = q('[data-error]');
    var playing = false;

    var lab = TransferLab.mount(q('.frame'), {
      src: '../../index.html',
      scenario: spec.scenario,
      seed: 3,
      controls: 'none',  // this page's buttons drive the lab
      height: 540,
      title: 'TransferLab: ' + spec.scenario,
    });
    course.labs[name] = lab;

    function setPlaying(on) {
      playing = on;
      toggle.textContent = on ? 'Pause' : 'Play';
      toggle.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    function show(m) {
      if (!m) return;
      var a = m.metrics[spec.method], b = m.metrics[spec.base];
      q('[data-fig="method"]').textContent = percent(a);
      q('[data-fig="base"]').textContent = percent(b);
      q('.fill.method').style.width = (typeof a === 'number' ? 100 * a : 0) + '%';
      q('.fill.base').style.width = (typeof b === 'number' ? 100 * b : 0) + '%';
      setPlaying(m.playing && !m.done);
      statusEl.textContent = m.done ? 'Finished: ' + m.step + ' steps.'
                                    : 'Step ' + m.step + ' of ' + m.total + (playing ? ', training\u2026' : '.');
    }
    function refresh() { return lab.metrics().then(show); }
    function record(event) {
      return function (data) {
        course.events.push({lab: name, event: event, data: data, t: Date.now()});
        if (event === 'error') {
          errorEl.textContent = data.message;
          errorEl.hidden = false;
        } else {
          refresh();
        }
      };
    }
    ['ready', 'step', 'done', 'error'].forEach(function (ev) { lab.on(ev, record(ev)); });

    function clearError() { errorEl.hidden = true; errorEl.textContent = ''; }
    toggle.addEventListener('click', function () {
      clearError();
      setPlaying(!playing);
      (playing ? lab.play() : lab.pause()).then(function (r) {
        if (!r.ok) setPlaying(false);
        refresh();
      });
    });
    q('[data-act="step"]').addEventListener('click', function () {
      clearError();
      setPlaying(false);
      lab.step(100).then(refresh);
    });
    q('[data-act="reset"]').addEventListener('click', function () {
      clearError();
      lab.reset().then(refresh);
    });
    Array.prototype.forEach.call(section.querySelectorAll('[data-set]'), function (button) {
      button.addEventListener('click', function () {
        clearError();
        var key = button.getAttribute('data-set');
        lab.set(key, Number(button.getAttribute('data-value'))).then(function (r) {
          if (!r.ok) return;
          Array.prototype.forEach.call(section.querySelectorAll('[data-set="' + key + '"]'), function (b) {
            b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
          });
          refresh();
        });
      });
    });
  });
})();
